/**
 * The messages between the primary, which owns the tag cache and makes every control-plane call, and
 * the workers, over the cluster's IPC channel. The primary pushes the tag state after every load and
 * answers a worker's request with it; a worker never calls the control plane.
 */
import type { TagLayers, TagMap } from "../tags/tag-layers";
import type { TagState, TagStatus } from "../tags/tag-provider";

/** A `TagState` as it crosses the channel (JSON): the load time as epoch milliseconds. */
export interface WireTagState {
  /** Freshness as the primary saw it when sending (the worker recomputes it from `loadedAtMs`). */
  readonly status: TagStatus;
  /** The last successful load; null when tags never loaded. */
  readonly snapshot: {
    readonly layers: TagLayers;
    readonly merged: TagMap;
    readonly loadedAtMs: number;
    readonly endpointConfigName: string;
  } | null;
  /** The last load failure (or why tag reading is off); null after a successful load. */
  readonly lastError: string | null;
}

/** Primary -> worker: the tag state, pushed after a load (`requestId` null) or answering a request. */
export interface TagsMessage {
  /** Message type. */
  readonly kind: "tags";
  /** The request answered; null for a push. */
  readonly requestId: number | null;
  /** The primary's tag state. */
  readonly state: WireTagState;
  /** True once the primary's first load has finished, successfully or not (or tag reading is off). */
  readonly settled: boolean;
}

/**
 * Worker -> primary: asks for the current state. The primary answers with its cache's `current()`,
 * which starts a refresh when the tags are stale (and, with a TTL of 0, is one full read).
 */
export interface TagRequestMessage {
  /** Message type. */
  readonly kind: "tags?";
  /** Echoed in the answer. */
  readonly requestId: number;
}

/** `state` for the channel. */
export function toWire(state: TagState): WireTagState {
  const { snapshot } = state;
  return {
    status: state.status,
    snapshot:
      snapshot === null
        ? null
        : { layers: snapshot.layers, merged: snapshot.merged, loadedAtMs: snapshot.loadedAt.getTime(), endpointConfigName: snapshot.endpointConfigName },
    lastError: state.lastError,
  };
}

/** A state from the channel. */
export function fromWire(wire: WireTagState): TagState {
  const { snapshot } = wire;
  return {
    status: wire.status,
    snapshot:
      snapshot === null
        ? null
        : { layers: snapshot.layers, merged: snapshot.merged, loadedAt: new Date(snapshot.loadedAtMs), endpointConfigName: snapshot.endpointConfigName },
    lastError: wire.lastError,
  };
}

/** True for a primary's tags message. */
export function isTagsMessage(message: unknown): message is TagsMessage {
  return typeof message === "object" && message !== null && (message as { kind?: unknown }).kind === "tags";
}

/** True for a worker's request. */
export function isTagRequest(message: unknown): message is TagRequestMessage {
  return (
    typeof message === "object" &&
    message !== null &&
    (message as { kind?: unknown }).kind === "tags?" &&
    typeof (message as { requestId?: unknown }).requestId === "number"
  );
}
