/** Runs a command to completion, forwarding its output lines, and fails with its last lines when it fails. */
import { startSupervisedProcess, describeExit } from "./supervised-process";

/** A command that exited unsuccessfully; the message ends with its last output lines. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandError";
  }
}

/**
 * Runs `command args` with `env` in `cwd`, calls `onLine` with each output line (stdout and stderr), and
 * resolves once it exits 0; otherwise rejects with a {@link CommandError} naming it and its last 20 lines.
 */
export async function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, onLine: (line: string) => void): Promise<void> {
  const child = await startSupervisedProcess({ command, args, env, cwd });
  child.onLine(onLine);
  const exit = await child.exited;
  if (exit.code === 0) return;
  const tail = child.recentLines().join("\n");
  throw new CommandError(`${command} ${args[0] ?? ""} ${describeExit(exit)}; its last lines:\n${tail}`);
}
