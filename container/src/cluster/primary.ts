/**
 * The primary of a multi-worker container (node:cluster): forks `SAGEMAKER_MODEL_SERVER_WORKERS`
 * workers that all serve one port (the primary accepts connections and hands them out round-robin),
 * owns the only tag cache, replaces a worker that dies (logged; at once, then with a growing delay if
 * crashes repeat), and on SIGTERM or SIGINT drains every worker and exits 0 once all of them have
 * exited cleanly (1 if one did not, or if one is still running 28 s after the signal, below SageMaker's 30). If no worker ever
 * starts (a model that cannot load), it stops and exits 1, as a single process would.
 */
import cluster, { type Worker } from "node:cluster";
import type { Settings } from "../config";
import { errorMessage, type Logger } from "../log";
import { SHUTDOWN_BACKSTOP_MS, SHUTDOWN_DEADLINE_MS } from "../shutdown";
import { RestartBackoff } from "./restart-backoff";
import { createTagOwner } from "./tag-owner";

/** How much longer than a worker's own last resort (deadline + backstop) the primary waits before killing it. */
export const PRIMARY_GRACE_MS = 1_000;

/** Starts the workers and supervises them until a signal stops them; then exits the process. */
export function runPrimary(settings: Settings, log: Logger): void {
  const tags = createTagOwner(settings, log);
  const backoff = new RestartBackoff();
  const alive = new Set<Worker>();
  const listening = new Set<number>();
  const restarts = new Set<NodeJS.Timeout>();
  let everListened = false;
  let stopping = false;
  let startFailed = false;
  let failedExits = 0;

  const fork = (): void => {
    const worker = cluster.fork();
    alive.add(worker);
    tags.attach(worker);
  };

  const finish = (): void => {
    if (alive.size > 0) return;
    tags.close().then(
      () => {
        if (startFailed) log.error("stopped: no worker could start (the worker's error is logged above)");
        else if (failedExits === 0) log.info("shut down cleanly");
        else log.error("shut down; some workers did not exit cleanly", { failedWorkers: failedExits });
        process.exit(failedExits === 0 ? 0 : 1);
      },
      (err: unknown) => {
        log.error("shutdown failed", { error: errorMessage(err) });
        process.exit(1);
      },
    );
  };

  const stop = (reason: Record<string, unknown>): void => {
    if (stopping) return;
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    log.info("shutting down: draining every worker", { ...reason, workers: alive.size, deadlineSeconds: SHUTDOWN_DEADLINE_MS / 1000 });
    for (const worker of alive) worker.process.kill("SIGTERM");
    setTimeout(() => {
      log.error("workers did not exit before the shutdown deadline; killing them", { workers: [...alive].map((w) => w.process.pid) });
      for (const worker of alive) worker.process.kill("SIGKILL");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS + SHUTDOWN_BACKSTOP_MS + PRIMARY_GRACE_MS).unref();
    finish();
  };

  cluster.on("listening", (worker, address) => {
    const first = !everListened;
    everListened = true;
    listening.add(worker.id);
    if (first || listening.size === settings.workers) {
      log.info(first ? "first worker listening" : "all workers listening", { workers: listening.size, port: address.port });
    }
  });

  cluster.on("exit", (worker, code, signal) => {
    alive.delete(worker);
    const listened = listening.delete(worker.id);
    const exit = { worker: worker.id, pid: worker.process.pid, code, signal };
    if (stopping) {
      // A worker still starting has no drain to do: the signal ends it, which is no failure.
      if (listened && code !== 0) failedExits += 1;
      finish();
      return;
    }
    if (!everListened) {
      log.error("a worker exited before any worker could listen; stopping", exit);
      startFailed = true;
      failedExits += 1;
      stop({ reason: "start-up failed" });
      return;
    }
    const delay = backoff.crashed(Date.now());
    log.error("worker exited; starting a replacement", { ...exit, restartInSeconds: delay / 1000 });
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, delay);
    restarts.add(timer);
  });

  process.once("SIGTERM", () => stop({ signal: "SIGTERM" }));
  process.once("SIGINT", () => stop({ signal: "SIGINT" }));
  log.info("starting workers", { workers: settings.workers, port: settings.port, endpointName: settings.endpointName });
  tags.start();
  for (let i = 0; i < settings.workers; i++) fork();
}
