/** Waits for a started container to answer `GET /ping` with 200, as SageMaker's health check does. */
import { describeExit, type SupervisedProcess } from "./supervised-process";

/** Milliseconds between two `/ping` attempts. */
const POLL_INTERVAL_MS = 100;

/** The container did not become healthy; `recentLines` holds its last output lines. */
export class ContainerStartError extends Error {
  /** The container's last output lines, oldest first. */
  readonly recentLines: string[];

  constructor(message: string, recentLines: string[]) {
    super(message);
    this.name = "ContainerStartError";
    this.recentLines = recentLines;
  }
}

/** One `/ping` attempt: the HTTP status (0 when the connection failed) and the error body's code and message. */
async function ping(url: string): Promise<{ status: number; code?: string; message?: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    return { status: response.status, code: body.error?.code, message: body.error?.message };
  } catch {
    return { status: 0 };
  }
}

/**
 * Polls `<baseUrl>/ping` until it answers 200. Rejects with a {@link ContainerStartError} when the
 * process exits first, when its model did not load (503 `ModelNotLoaded`: it never will), or when
 * `timeoutMs` passes.
 */
export async function waitHealthy(baseUrl: string, container: SupervisedProcess, timeoutMs: number): Promise<void> {
  let exit: string | undefined;
  void container.exited.then((info) => {
    exit = describeExit(info);
  });
  const deadline = Date.now() + timeoutMs;
  let lastStatus = 0;
  for (;;) {
    if (exit !== undefined) {
      throw new ContainerStartError(`the container ${exit} before /ping answered 200`, container.recentLines());
    }
    const answer = await ping(`${baseUrl}/ping`);
    lastStatus = answer.status;
    if (lastStatus === 200) return;
    if (answer.code === "ModelNotLoaded") {
      throw new ContainerStartError(`the container's model did not load (/ping answers 503): ${answer.message}`, container.recentLines());
    }
    if (Date.now() >= deadline) {
      const seen = lastStatus === 0 ? "no connection" : `last status ${lastStatus}`;
      throw new ContainerStartError(
        `the container did not answer /ping with 200 within ${Math.round(timeoutMs / 1000)} s (${seen})`,
        container.recentLines(),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
