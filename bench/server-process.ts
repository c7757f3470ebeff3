// A server under test as a child process (local mode's supervised process): spawned with a clean
// environment on a free loopback port, ready at its first `GET /ping` 200 (probed at a fine,
// bounded interval, so the wait doubles as the cold-start timer), stopped with SIGTERM, then SIGKILL,
// when done or when the bench fails.
import { request } from "node:http";
import { findFreePort } from "../local/free-port";
import { describeExit, startSupervisedProcess, type ProcessExit, type SupervisedProcess } from "../local/supervised-process";
import { Cleanup } from "./cleanup";

/** How to start one server. */
export interface ServerSpec {
  /** Name used in progress lines and errors. */
  name: string;
  /** The JavaScript file node runs. */
  script: string;
  /** Arguments after the script; default none. */
  args?: string[];
  /** Flags for node itself, before the script (e.g. `--cpu-prof`); default none. */
  nodeArgs?: string[];
  /** Environment on top of PATH; the bench's own environment is not passed on (no stray AWS settings). */
  env: Record<string, string>;
}

/** A started server that answered its first `/ping` 200. */
export interface RunningServer {
  /** The child's process id (for /proc readings). */
  pid: number;
  /** Base URL, e.g. http://127.0.0.1:PORT. */
  url: string;
  /** Milliseconds from spawn to the first `/ping` 200. */
  readyMs: number;
  /** Stops the process (SIGTERM, SIGKILL after 5 s) and resolves with its exit once it has exited. */
  stop(): Promise<ProcessExit>;
}

/** Bounds of the readiness wait. */
export interface ReadinessOptions {
  /** Give up after this many ms; default 15000. */
  timeoutMs?: number;
  /** Pause between two `/ping` probes, in ms; default 2. */
  pollIntervalMs?: number;
}

/** Spawns the server on a free loopback port (passed as SAGEMAKER_BIND_TO_PORT) and waits for `/ping` 200. */
export async function startServer(spec: ServerSpec, cleanup: Cleanup, readiness: ReadinessOptions = {}): Promise<RunningServer> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const child = await startSupervisedProcess({
    command: process.execPath,
    args: [...(spec.nodeArgs ?? []), spec.script, ...(spec.args ?? [])],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...spec.env, SAGEMAKER_BIND_TO_PORT: String(port) },
  });
  const unregister = cleanup.add(spec.name, () => child.stop().then(() => undefined));
  const stop = async (): Promise<ProcessExit> => {
    const exit = await child.stop();
    unregister();
    return exit;
  };
  try {
    await waitForPing(url, child, readiness);
  } catch (err) {
    await stop();
    const last = child.recentLines().pop();
    throw new Error(`${spec.name}: ${(err as Error).message}${last ? `; last output: ${last.slice(0, 300)}` : ""}`);
  }
  return { pid: child.pid, url, readyMs: performance.now() - startedAt, stop };
}

async function waitForPing(url: string, child: SupervisedProcess, readiness: ReadinessOptions): Promise<void> {
  const timeoutMs = readiness.timeoutMs ?? 15000;
  const pollIntervalMs = readiness.pollIntervalMs ?? 2;
  let exit: ProcessExit | undefined;
  void child.exited.then((info) => (exit = info));
  const deadline = performance.now() + timeoutMs;
  const maxProbes = Math.ceil(timeoutMs / Math.max(1, pollIntervalMs)) + 1;
  for (let probe = 0; probe < maxProbes && performance.now() < deadline; probe++) {
    if (exit) throw new Error(`${describeExit(exit)} before /ping answered 200`);
    if ((await pingStatus(url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
  throw new Error(`/ping did not answer 200 within ${timeoutMs} ms`);
}

/** The status of one `GET /ping`, or 0 when the server does not accept connections (yet). */
function pingStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(`${url}/ping`, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
      res.once("error", () => resolve(0));
    });
    req.once("timeout", () => req.destroy());
    req.once("error", () => resolve(0));
    req.end();
  });
}
