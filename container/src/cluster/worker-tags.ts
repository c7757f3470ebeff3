/**
 * A worker's view of the tags: the state the primary last sent, with the same semantics as the cache
 * it mirrors. Freshness is computed here from the load time and the TTL (`fresh`, then `stale`);
 * seeing stale tags asks the primary, at most once a second, which starts its single-flight refresh
 * (with its backoff after failures) and pushes the result to every worker. Before the primary's
 * first load has finished an invocation waits for it, at most 2 s; with a TTL of 0 every `current()`
 * is a full read done by the primary.
 */
import { FIRST_LOAD_WAIT_MS, waitAtMost } from "../tags/tag-cache";
import type { TagProvider, TagState } from "../tags/tag-provider";
import { fromWire, isTagsMessage, type TagRequestMessage, type TagsMessage } from "./tag-channel";

/** The least time between two refresh requests of one worker while its tags are stale. */
export const REFRESH_REQUEST_INTERVAL_MS = 1_000;

/** How a worker talks to the primary (the cluster's IPC channel in production). */
export interface TagChannel {
  /** Sends a request to the primary. */
  send(message: TagRequestMessage): void;
  /** Registers a listener for every message from the primary; returns its removal. */
  listen(listener: (message: unknown) => void): () => void;
}

/** The cluster worker's channel: `process.send` and the process's `message` events. */
export function processChannel(): TagChannel {
  return {
    send: (message) => void process.send?.(message),
    listen: (listener) => {
      process.on("message", listener);
      return () => process.off("message", listener);
    },
  };
}

/** Tags received from the primary (see the module comment). */
export class WorkerTags implements TagProvider {
  private state: TagState = { status: "unavailable", snapshot: null, lastError: "tags not received from the primary yet" };
  private settled = false;
  private ready = false;
  private nextRequestId = 1;
  private lastRefreshRequestAt = -Infinity;
  private readonly answers = new Map<number, (state: TagState) => void>();
  private readonly firstSettle: Promise<void>;
  private settle: () => void = () => undefined;
  private unlisten: () => void = () => undefined;

  /**
   * @param channel the link to the primary.
   * @param ttlSeconds the tag cache TTL (`TAG_CACHE_TTL_SECONDS`); 0 = every invocation is a full read.
   */
  constructor(
    private readonly channel: TagChannel,
    private readonly ttlSeconds: number,
  ) {
    this.firstSettle = new Promise((resolve) => (this.settle = resolve));
  }

  start(): void {
    this.unlisten = this.channel.listen((message) => {
      if (isTagsMessage(message)) this.receive(message);
    });
    void this.request();
  }

  isReady(): boolean {
    return this.ready;
  }

  async current(): Promise<TagState> {
    if (this.ttlSeconds === 0) return this.request();
    if (!this.settled) await waitAtMost(this.firstSettle, FIRST_LOAD_WAIT_MS);
    const state = this.stateAt(Date.now());
    if (state.status !== "fresh" && Date.now() - this.lastRefreshRequestAt >= REFRESH_REQUEST_INTERVAL_MS) {
      this.lastRefreshRequestAt = Date.now();
      void this.request();
    }
    return state;
  }

  close(): Promise<void> {
    this.unlisten();
    for (const answer of this.answers.values()) answer(this.state);
    this.answers.clear();
    return Promise.resolve();
  }

  private stateAt(now: number): TagState {
    const { snapshot, lastError } = this.state;
    if (snapshot === null) return { status: "unavailable", snapshot, lastError };
    const status = now - snapshot.loadedAt.getTime() < this.ttlSeconds * 1000 ? "fresh" : "stale";
    return { status, snapshot, lastError };
  }

  private receive(message: TagsMessage): void {
    const state = fromWire(message.state);
    this.state = state;
    this.ready ||= state.snapshot !== null;
    if (message.settled && !this.settled) {
      this.settled = true;
      this.settle();
    }
    if (message.requestId === null) return;
    this.answers.get(message.requestId)?.(state);
    this.answers.delete(message.requestId);
  }

  /** Asks the primary for its current state; resolves with its answer. */
  private request(): Promise<TagState> {
    const requestId = this.nextRequestId++;
    const answered = new Promise<TagState>((resolve) => this.answers.set(requestId, resolve));
    this.channel.send({ kind: "tags?", requestId });
    return answered;
  }
}
