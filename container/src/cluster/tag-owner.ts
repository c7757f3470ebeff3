/**
 * The primary's side of the tag channel: the one tag cache of the container (so control-plane calls per
 * TTL do not grow with workers), its state pushed to every worker after each load and sent to a worker
 * that asks for it.
 */
import type { Worker } from "node:cluster";
import type { Settings } from "../config";
import { errorMessage, type Logger } from "../log";
import type { TagState } from "../tags/tag-provider";
import { createTagSource } from "../tags/tag-source";
import { isTagRequest, toWire, type TagsMessage } from "./tag-channel";

/** The tag cache the workers read through the primary. */
export interface TagOwner {
  /** Serves `worker`'s requests and includes it in the pushes (until it exits). */
  attach(worker: Worker): void;
  /** Starts the first load. */
  start(): void;
  /** Stops background loading and releases the SageMaker client. */
  close(): Promise<void>;
}

/** The primary's tag cache per `settings`. */
export function createTagOwner(settings: Settings, log: Logger): TagOwner {
  const workers = new Set<Worker>();
  let settled = !settings.tagReading.enabled;
  const message = (state: TagState, requestId: number | null): TagsMessage => ({ kind: "tags", requestId, state: toWire(state), settled });
  const send = (worker: Worker, msg: TagsMessage): void => {
    if (!worker.isConnected()) return;
    worker.send(msg, (err: Error | null) => {
      if (err) log.debug("could not send tags to a worker", { worker: worker.id, error: errorMessage(err) });
    });
  };
  const source = createTagSource(settings, log, (state) => {
    settled = true;
    for (const worker of workers) send(worker, message(state, null));
  });
  return {
    attach: (worker) => {
      workers.add(worker);
      worker.once("exit", () => workers.delete(worker));
      worker.on("message", (msg: unknown) => {
        if (!isTagRequest(msg)) return;
        void source.current().then((state) => send(worker, message(state, msg.requestId)));
      });
    },
    start: () => source.start(),
    close: () => source.close(),
  };
}
