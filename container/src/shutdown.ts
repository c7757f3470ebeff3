/**
 * Graceful stop on SIGTERM (what SageMaker sends before SIGKILL 30 s later) or SIGINT: stop accepting
 * connections; finish every request already received or arriving on an open connection (answered with
 * `Connection: close`); close keep-alive connections between requests; abort a running tag load; exit 0.
 * Requests still being handled at the deadline (below SageMaker's 30 s, so the exit is ours and logged)
 * are cut and the exit code is 1. The last log line says what was answered and what was cut.
 */
import { errorMessage, type Logger } from "./log";
import type { RunningServer } from "./start";

/** How long in-flight requests get to finish after the signal. */
export const SHUTDOWN_DEADLINE_MS = 25_000;

/** How long after the deadline the process exits anyway if closing has not finished (a last resort). */
export const SHUTDOWN_BACKSTOP_MS = 2_000;

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
    const backstop = setTimeout(() => {
      log.error("shutdown did not finish after the deadline; exiting", { inFlight: running.inFlight() });
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS + SHUTDOWN_BACKSTOP_MS);
    running.close(SHUTDOWN_DEADLINE_MS).then(
      (report) => {
        clearTimeout(backstop);
        if (report.cutInFlight > 0) {
          log.error("in-flight requests did not finish before the shutdown deadline; their connections were cut", { ...report });
          process.exit(1);
        }
        log.info("shut down cleanly", { ...report });
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
