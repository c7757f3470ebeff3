/**
 * The tag cache. With a TTL > 0:
 * - a load started at boot; invocations arriving before it settles wait for it, at most 2 s (a hung
 *   control plane at start-up must not eat the 60 s invocation deadline);
 * - fresh while younger than the TTL; after that, an invocation gets the last good tags flagged `stale`
 *   and starts one background refresh (stale-while-revalidate);
 * - single flight: at most one refresh runs, however many invocations arrive meanwhile;
 * - a failed refresh keeps the last good tags (`stale`, `lastError` set) and is retried after a backoff
 *   of 1 s, 2 s, 4 s ... capped at min(TTL, 60 s), so tags recover within one TTL after a fault clears.
 *   Until the first success the retries run on a timer (readiness does not wait for traffic).
 * With a TTL of 0 there is no cache: every invocation runs a full read and waits for it (the naive
 * recipe, kept as a benchmark baseline); a failed read makes that invocation's tags `unavailable`.
 */
import { errorMessage, type Logger } from "../log";
import { mergeLayers } from "./tag-layers";
import type { TagProvider, TagSnapshot, TagState } from "./tag-provider";
import type { LoadedTags, TagLoader } from "./tag-reader";

/** The longest wait between retries of a failing load. */
export const MAX_RETRY_DELAY_MS = 60_000;

/** The longest an invocation waits for the first load (after that it proceeds with `unavailable` tags). */
export const FIRST_LOAD_WAIT_MS = 2_000;

/** What a tag cache needs. */
export interface TagCacheOptions {
  /** Seconds a load stays fresh; 0 = no cache. */
  readonly ttlSeconds: number;
  /** One full read of the tag layers. */
  readonly load: TagLoader;
  /** Where load results and failures are logged. */
  readonly log: Logger;
  /** Called after every background load, successful or not, with the state it left (default: none). */
  readonly onSettled?: (state: TagState) => void;
}

/** The wait after `failures` consecutive failed loads: 1 s doubling, capped at the TTL (when > 0) and 60 s. */
export function retryDelayMs(failures: number, ttlMs: number): number {
  const backoff = 1000 * 2 ** Math.max(0, failures - 1);
  return Math.min(backoff, MAX_RETRY_DELAY_MS, ttlMs > 0 ? ttlMs : MAX_RETRY_DELAY_MS);
}

/** A TTL cache over a `TagLoader` (see the module comment for the semantics). */
export class TagCache implements TagProvider {
  private readonly ttlMs: number;
  private snapshot: TagSnapshot | null = null;
  private lastError: string | null = null;
  private failures = 0;
  private lastFailureAt = 0;
  private loadedOnce = false;
  private closed = false;
  private firstLoad: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Aborts a running load when the cache closes. */
  private readonly closing = new AbortController();

  constructor(private readonly options: TagCacheOptions) {
    this.ttlMs = options.ttlSeconds * 1000;
  }

  start(): void {
    this.firstLoad = this.refresh();
  }

  isReady(): boolean {
    return this.loadedOnce;
  }

  async current(): Promise<TagState> {
    if (this.ttlMs === 0) return this.readThrough();
    if (this.snapshot === null && this.firstLoad !== null) await waitAtMost(this.firstLoad, FIRST_LOAD_WAIT_MS);
    const state = this.stateAt(Date.now());
    if (state.status !== "fresh") this.refreshIfDue();
    return state;
  }

  /** Stops retries and aborts a running load (a hung control plane must not hold a shutdown); does not wait for it. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.closing.abort();
    return Promise.resolve();
  }

  private stateAt(now: number): TagState {
    const { snapshot, lastError } = this;
    if (snapshot === null) return { status: "unavailable", snapshot, lastError };
    const status = now - snapshot.loadedAt.getTime() < this.ttlMs ? "fresh" : "stale";
    return { status, snapshot, lastError };
  }

  private refreshIfDue(): void {
    const backingOff = this.failures > 0 && Date.now() - this.lastFailureAt < retryDelayMs(this.failures, this.ttlMs);
    if (!this.closed && this.refreshing === null && !backingOff) void this.refresh();
  }

  /** Starts a load unless one is running (single flight); the promise never rejects. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.loadIntoCache().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async loadIntoCache(): Promise<void> {
    try {
      this.snapshot = this.loaded(await this.options.load(this.closing.signal));
      this.lastError = null;
    } catch (err) {
      if (this.closed) {
        this.options.log.info("tag load aborted: shutting down", { error: errorMessage(err) });
        return;
      }
      this.failures += 1;
      this.lastFailureAt = Date.now();
      this.lastError = errorMessage(err);
      const delay = retryDelayMs(this.failures, this.ttlMs);
      const msg = this.snapshot === null ? "tag load failed; tags unavailable" : "tag refresh failed; serving stale tags";
      this.options.log.warn(msg, { error: this.lastError, failures: this.failures, retryInSeconds: delay / 1000 });
      if (!this.loadedOnce && !this.closed) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.refresh(), delay).unref();
      }
    }
    this.options.onSettled?.(this.stateAt(Date.now()));
  }

  private async readThrough(): Promise<TagState> {
    try {
      return { status: "fresh", snapshot: this.loaded(await this.options.load()), lastError: null };
    } catch (err) {
      this.options.log.warn("tag read failed; tags unavailable for this invocation", { error: errorMessage(err) });
      return { status: "unavailable", snapshot: null, lastError: errorMessage(err) };
    }
  }

  /** Records a successful load and logs the first one (and the first after failures). */
  private loaded({ layers, endpointConfigName }: LoadedTags): TagSnapshot {
    const snapshot = { layers, merged: mergeLayers(layers), loadedAt: new Date(), endpointConfigName };
    const counts = { endpoint: count(layers.endpoint), endpointConfig: count(layers.endpointConfig), model: count(layers.model) };
    if (!this.loadedOnce || this.failures > 0) this.options.log.info("tags loaded", { tagCounts: counts });
    else this.options.log.debug("tags refreshed", { tagCounts: counts });
    this.loadedOnce = true;
    this.failures = 0;
    return snapshot;
  }
}

/** Resolves when `promise` settles (it must not reject) or after `ms`, whichever is first. */
export async function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function count(map: object): number {
  return Object.keys(map).length;
}
