/**
 * Graceful stop on SIGTERM (what SageMaker sends before SIGKILL 30 s later) or SIGINT: stop accepting
 * connections, let in-flight requests finish, exit 0. If they have not finished by the deadline (below
 * SageMaker's 30 s, so the exit is ours and logged), exit 1.
 */
import { errorMessage, type Logger } from "./log";
import type { RunningServer } from "./start";

/** How long in-flight requests get to finish after the signal. */
export const SHUTDOWN_DEADLINE_MS = 25_000;

/** Stops `running` gracefully on the first SIGTERM or SIGINT, then exits the process. */
export function exitGracefullyOnSignals(running: RunningServer, log: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down: no new connections, finishing in-flight requests", {
      signal,
      inFlight: running.inFlight(),
      deadlineSeconds: SHUTDOWN_DEADLINE_MS / 1000,
    });
    const deadline = setTimeout(() => {
      log.error("in-flight requests did not finish before the shutdown deadline; exiting", { inFlight: running.inFlight() });
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    running.close().then(
      () => {
        clearTimeout(deadline);
        log.info("shut down cleanly");
        process.exit(0);
      },
      (err: unknown) => {
        log.error("shutdown failed", { error: errorMessage(err) });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
