/** The tags as a handler sees them for one invocation: every layer, the merged view and the exposed subset. */
import { EMPTY_LAYERS, type TagLayers, type TagMap } from "./tag-layers";
import type { TagSnapshot, TagState, TagStatus } from "./tag-provider";

/** Tags and their freshness, as passed to handlers in the invocation context. */
export interface TagsView {
  /** `fresh`, `stale` (older than the TTL; a refresh is running or failing) or `unavailable` (never loaded). */
  readonly status: TagStatus;
  /** The merged tags restricted to the exposed keys: what responses may show callers. */
  readonly exposed: TagMap;
  /** All tags merged (Endpoint > EndpointConfig > Model); empty when never loaded. */
  readonly merged: TagMap;
  /** Each resource's tags apart; empty maps when never loaded. */
  readonly layers: TagLayers;
  /** When the tags were loaded; null when never loaded. */
  readonly loadedAt: Date | null;
  /** Seconds since `loadedAt` (millisecond precision); null when never loaded. */
  readonly ageSeconds: number | null;
  /** The last load failure (or why tag reading is off); null when the last load succeeded. */
  readonly lastError: string | null;
  /**
   * The EndpointConfig whose tags were read (with a fleet identity: the one that launched this fleet,
   * resolved at run time); null when never loaded.
   */
  readonly endpointConfigName: string | null;
}

/** The exposed subset of each snapshot, computed once per snapshot (and key list), not per invocation. */
const exposedBySnapshot = new WeakMap<TagSnapshot, { keys: readonly string[]; exposed: TagMap }>();

function exposedTags(snapshot: TagSnapshot | null, exposedKeys: readonly string[]): TagMap {
  if (snapshot === null) return {};
  const cached = exposedBySnapshot.get(snapshot);
  if (cached?.keys === exposedKeys) return cached.exposed;
  const { merged } = snapshot;
  const exposed = Object.fromEntries(exposedKeys.filter((key) => Object.hasOwn(merged, key)).map((key) => [key, merged[key]]));
  exposedBySnapshot.set(snapshot, { keys: exposedKeys, exposed });
  return exposed;
}

/** The view of `state` for callers allowed to see `exposedKeys`. */
export function viewTags(state: TagState, exposedKeys: readonly string[]): TagsView {
  const { snapshot } = state;
  const merged = snapshot?.merged ?? {};
  const exposed = exposedTags(snapshot, exposedKeys);
  return {
    status: state.status,
    exposed,
    merged,
    layers: snapshot?.layers ?? EMPTY_LAYERS,
    loadedAt: snapshot?.loadedAt ?? null,
    ageSeconds: snapshot === null ? null : (Date.now() - snapshot.loadedAt.getTime()) / 1000,
    lastError: state.lastError,
    endpointConfigName: snapshot?.endpointConfigName ?? null,
  };
}
