/**
 * A worker of a multi-worker container: the same model server as a single process, listening on the
 * shared port, with its tags from the primary instead of the control plane, its log lines marked with
 * its worker id, and the same graceful drain on SIGTERM (which the primary forwards).
 */
import cluster from "node:cluster";
import type { Settings } from "../config";
import type { Logger } from "../log";
import { exitGracefullyOnSignals } from "../shutdown";
import { startServer } from "../start";
import { processChannel, WorkerTags } from "./worker-tags";

/** Starts this worker's server; rejects when the model cannot load or the port cannot be bound. */
export async function runWorker(settings: Settings, log: Logger): Promise<void> {
  const workerLog = log.child({ worker: cluster.worker?.id ?? null, pid: process.pid });
  const tags = settings.tagReading.enabled ? new WorkerTags(processChannel(), settings.tagCacheTtlSeconds) : undefined;
  exitGracefullyOnSignals(await startServer(settings, { log: workerLog, tags }), workerLog);
}
