/**
 * A child process under supervision: its output is kept as a tail of recent lines (and optionally
 * forwarded), its exit is a promise, and `stop()` ends it with SIGTERM, then SIGKILL after a grace period.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** How a supervised process ended. */
export interface ProcessExit {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  /** The signal that ended it, or null. */
  signal: NodeJS.Signals | null;
}

/** What to run and how to watch it. */
export interface SupervisedProcessOptions {
  /** Executable to run (for example `process.execPath`). */
  command: string;
  /** Its arguments. */
  args: string[];
  /** The complete environment of the child (nothing is inherited implicitly). */
  env: NodeJS.ProcessEnv;
  /** Working directory. Default: the current directory. */
  cwd?: string;
  /** How many recent output lines (stdout and stderr) to keep for error messages. Default 20. */
  tailLines?: number;
  /** Milliseconds between SIGTERM and SIGKILL in `stop()`. Default 5000. */
  killAfterMs?: number;
}

/** A running supervised child. */
export interface SupervisedProcess {
  /** Process id of the child. */
  readonly pid: number;
  /** Resolves when the child has exited (never rejects). */
  readonly exited: Promise<ProcessExit>;
  /** The child's most recent output lines, oldest first. */
  recentLines(): string[];
  /** Calls `listener` with every further output line (replaces any earlier listener). */
  onLine(listener: (line: string) => void): void;
  /** Ends the child (SIGTERM, then SIGKILL after the grace period) and resolves once it has exited. */
  stop(): Promise<ProcessExit>;
}

/** Describes an exit for error messages: "exited with code 1" or "was killed by SIGKILL". */
export function describeExit(exit: ProcessExit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/**
 * Starts `options.command` with a piped stdin that stays open while this process lives (a child that
 * watches it can end itself when its parent dies) and supervises it. Rejects if it cannot be spawned.
 */
export function startSupervisedProcess(options: SupervisedProcessOptions): Promise<SupervisedProcess> {
  const child = spawn(options.command, options.args, {
    env: options.env,
    cwd: options.cwd,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const tailLines = options.tailLines ?? 20;
  const tail: string[] = [];
  let listener: ((line: string) => void) | undefined;
  const record = (line: string): void => {
    tail.push(line);
    if (tail.length > tailLines) tail.shift();
    listener?.(line);
  };
  createInterface({ input: child.stdout }).on("line", record);
  createInterface({ input: child.stderr }).on("line", record);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const stop = async (): Promise<ProcessExit> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs ?? 5000);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    }
    return exited;
  };
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("spawn", () => {
      child.off("error", reject);
      child.on("error", () => undefined);
      resolve({
        pid: child.pid as number,
        exited,
        recentLines: () => [...tail],
        onLine: (next) => {
          listener = next;
        },
        stop,
      });
    });
  });
}
