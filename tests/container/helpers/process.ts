/** The bundled entrypoint (`node container/dist/serve.js serve`) as a child process. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { testEnvironment } from "./server";
import { EMULATOR_CREDENTIAL_ENV } from "../../../local/emulator";

/** The bundle `npm run build` writes. */
export const BUNDLE = join(__dirname, "..", "..", "..", "container", "dist", "serve.js");

/** A running bundle: its process, parsed stdout lines, and its exit. */
export interface ServeProcess {
  readonly child: ChildProcess;
  /** Every JSON line written to stdout so far. */
  readonly lines: Record<string, unknown>[];
  /** Resolves with the exit code (or the signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** Text written to stderr. */
  stderr(): string;
}

/**
 * Spawns `node <bundle> ...args` with only PATH, dummy credentials and `testEnvironment(env)` in its
 * environment (nothing of the test process's AWS settings leaks in).
 */
export function spawnServe(args: string[], env: Record<string, string>): ServeProcess {
  const child = spawn(process.execPath, [BUNDLE, ...args], {
    env: { PATH: process.env.PATH, ...EMULATOR_CREDENTIAL_ENV, ...testEnvironment(env) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    const complete = stdout.split("\n");
    stdout = complete.pop() ?? "";
    for (const line of complete) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, lines, exited, stderr: () => stderr };
}

/** Resolves with the base URL once the process logs "listening"; rejects if it exits first. */
export async function listeningUrl(serve: ServeProcess, timeoutMs = 5_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const listening = serve.lines.find((line) => line.msg === "listening");
    if (listening !== undefined) return `http://127.0.0.1:${String(listening.port)}`;
    if (serve.child.exitCode !== null) throw new Error(`serve exited with ${serve.child.exitCode}: ${serve.stderr()}`);
    if (Date.now() - started > timeoutMs) throw new Error("serve did not log 'listening' in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The environment that points a spawned container at `endpoint` in the emulator at `emulatorUrl`. */
export function emulatorEnvironment(emulatorUrl: string, endpoint: string, region: string, exposedTagKeys: string): Record<string, string> {
  return { SAGEMAKER_ENDPOINT_NAME: endpoint, AWS_REGION: region, AWS_ENDPOINT_URL_SAGEMAKER: emulatorUrl, EXPOSED_TAG_KEYS: exposedTagKeys };
}
