/**
 * Runs local mode and the drift check as child processes (never in the mocha process, so Pulumi's
 * mock runtime and the emulator never share state with other suites) and watches their pids.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { READY_LINE } from "../../local/ready-line";

/** The project root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** Node arguments that run a TypeScript entry point of this project. */
function tsArgs(entry: string, args: string[]): string[] {
  return ["-r", "ts-node/register/transpile-only", path.join(ROOT, entry), ...args];
}

/** The environment for child commands: this one, without any AWS target or credential settings. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("AWS_") || key.startsWith("INTEGRATION_")) delete env[key];
  return env;
}

/** A finished command. */
export interface CommandResult {
  /** Exit code (null if killed by a signal). */
  code: number | null;
  /** Everything it wrote to stdout. */
  stdout: string;
  /** Everything it wrote to stderr. */
  stderr: string;
}

/** Runs `entry` (a .ts file under the root) to completion; kills it after `timeoutMs`. */
export function runTs(entry: string, args: string[], timeoutMs = 40_000): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsArgs(entry, args), { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs local mode (`local/cli.ts`) to completion. */
export const runLocalMode = (args: string[]): Promise<CommandResult> => runTs("local/cli.ts", args);

/** Runs the drift check (`ops/drift-cli.ts`) to completion. */
export const runDrift = (args: string[]): Promise<CommandResult> => runTs("ops/drift-cli.ts", args);

/**
 * Whether a process with this pid is still running. A zombie (exited, waiting for its new parent,
 * often init, to reap it) counts as gone; on Linux /proc tells the two apart.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return !existsSync("/proc/self"); // gone meanwhile on Linux; no /proc elsewhere, so trust kill(0)
  }
}

/** The container pids local mode reported in its progress lines. */
export function containerPids(stdout: string): number[] {
  return [...stdout.matchAll(/container process (\d+) started/g)].map((match) => Number(match[1]));
}

/** Local mode running in the background until `stop()`. */
export interface BackgroundLocalMode {
  /** The process started: local mode itself, or the parent that started it (`viaParent`). */
  child: ChildProcess;
  /** The local-mode process's pid (from its ready line). */
  pid: number;
  /** Its stdout so far. */
  stdout(): string;
  /** The container's pid. */
  containerPid: number;
  /** Sends SIGTERM and resolves with the exit code once it has exited. */
  stop(): Promise<number | null>;
}

/** A parent process (like `npm start`) that runs the node arguments it is given as its child. */
const PARENT_SCRIPT = `require("node:child_process").spawn(process.execPath, process.argv.slice(1), { stdio: "inherit" });`;

/**
 * Starts local mode with `args` and resolves once it prints its ready line (rejects if it exits
 * first). With `viaParent`, a parent node process starts it, as `npm start` does.
 */
export function startLocalMode(args: string[], viaParent = false, timeoutMs = 40_000): Promise<BackgroundLocalMode> {
  const nodeArgs = tsArgs("local/cli.ts", args);
  const argv = viaParent ? ["-e", PARENT_SCRIPT, "--", ...nodeArgs] : nodeArgs;
  const child = spawn(process.execPath, argv, { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`local mode did not get ready within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    createInterface({ input: child.stdout }).on("line", (line) => {
      stdout += `${line}\n`;
      if (!line.startsWith(READY_LINE)) return;
      clearTimeout(timer);
      const pid = Number(/\(pid (\d+)\)/.exec(line)?.[1]);
      resolve({ child, pid, stdout: () => stdout, containerPid: containerPids(stdout)[0], stop });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`local mode exited with code ${code} before it was ready:\n${stdout}\n${stderr}`));
    });
  });
}
