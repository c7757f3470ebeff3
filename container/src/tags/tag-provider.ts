/** What the server asks of a tag source: the current tag state, and whether tags ever loaded. */
import type { TagLayers, TagMap } from "./tag-layers";

/**
 * Freshness of the tags an invocation sees: `fresh` (loaded within the TTL), `stale` (older than the
 * TTL: a refresh is running or failed; last good values kept) or `unavailable` (never loaded, or tag
 * reading is off).
 */
export type TagStatus = "fresh" | "stale" | "unavailable";

/** One successful tag load. */
export interface TagSnapshot {
  /** The three layers as read. */
  readonly layers: TagLayers;
  /** The layers merged (Endpoint > EndpointConfig > Model). */
  readonly merged: TagMap;
  /** When the load completed. */
  readonly loadedAt: Date;
  /** The EndpointConfig whose tags are the config layer (with a fleet identity: the one that launched this fleet). */
  readonly endpointConfigName: string;
}

/** The tags as of one invocation. */
export interface TagState {
  /** Freshness of `snapshot`. */
  readonly status: TagStatus;
  /** The last successful load; null when tags never loaded. */
  readonly snapshot: TagSnapshot | null;
  /** The last load failure (or why tag reading is off); null after a successful load. */
  readonly lastError: string | null;
}

/** A source of tags for the server. */
export interface TagProvider {
  /** Starts loading in the background (the server calls it once, when it starts listening). */
  start(): void;
  /** The tags for an invocation (with a TTL of 0 this waits for a full read). */
  current(): Promise<TagState>;
  /** True once tags loaded successfully at least once. */
  isReady(): boolean;
  /** Stops background work (retry timers) and aborts an in-flight background load without waiting for it. */
  close(): Promise<void>;
}

/** The provider when tag reading is off: always `unavailable`, with the reason as `lastError`. */
export function unavailableTags(reason: string): TagProvider {
  const state: TagState = { status: "unavailable", snapshot: null, lastError: reason };
  return {
    start: () => undefined,
    current: () => Promise.resolve(state),
    isReady: () => false,
    close: () => Promise.resolve(),
  };
}
