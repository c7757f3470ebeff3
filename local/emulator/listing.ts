/**
 * The shared part of ListModels, ListEndpointConfigs and ListEndpoints: filters (NameContains, creation
 * time window, and whatever the operation adds), sorting (SortBy, SortOrder; default CreationTime,
 * Descending) and pages of MaxResults (1..100, default 10).
 */
import { Constraints, JsonObject } from "./constraints";
import { pageOf } from "./pagination";
import type { ResourceType } from "./arns";
import type { Operation } from "./operation";
import type { StoredByType, StoredResource } from "./store";

/** Page size of List* operations when MaxResults is not given. */
export const DEFAULT_LIST_MAX_RESULTS = 10;

/** How one List operation sorts and filters beyond the common members. */
export interface ListingRules<T extends StoredResource> {
  /** Operation name, scoping its NextTokens. */
  operation: string;
  /** SortBy values and the key each sorts on. */
  sortKeys: Record<string, (item: T) => string | number>;
  /** Extra filters read from the input (they record violations in `constraints`). */
  filters?: (input: JsonObject, constraints: Constraints) => ((item: T) => boolean)[];
}

/** The page of `items` that `input` asks for, mapped to summaries by `summarize`. */
export function listPage<T extends StoredResource, S>(
  items: T[],
  input: JsonObject,
  rules: ListingRules<T>,
  summarize: (item: T) => S,
): { summaries: S[]; nextToken?: string } {
  const c = new Constraints();
  const sortBy = c.string(input, "SortBy", { oneOf: Object.keys(rules.sortKeys) }) ?? "CreationTime";
  const order = c.string(input, "SortOrder", { oneOf: ["Ascending", "Descending"] }) ?? "Descending";
  const maxResults = c.integer(input, "MaxResults", 1, 100) ?? DEFAULT_LIST_MAX_RESULTS;
  const nextToken = c.string(input, "NextToken", { max: 8192 });
  const nameContains = c.string(input, "NameContains", { max: 63, pattern: "[a-zA-Z0-9-]+" });
  const before = c.timestamp(input, "CreationTimeBefore");
  const after = c.timestamp(input, "CreationTimeAfter");
  const filters = [
    (item: T) => nameContains === undefined || item.name.includes(nameContains),
    (item: T) => before === undefined || item.creationTime < before,
    (item: T) => after === undefined || item.creationTime > after,
    ...(rules.filters?.(input, c) ?? []),
  ];
  c.check();
  const key = rules.sortKeys[sortBy];
  const sign = order === "Ascending" ? 1 : -1;
  const compare = (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  // Ties (same name or same millisecond) keep creation order, reversed when descending.
  const sorted = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => filters.every((keep) => keep(item)))
    .sort((a, b) => sign * (compare(a.item, b.item) || a.index - b.index))
    .map(({ item }) => item);
  const page = pageOf(sorted, nextToken, maxResults, rules.operation);
  return { summaries: page.items.map(summarize), nextToken: page.nextToken };
}

/**
 * List<Resources>: the page of resources of `type` that the input asks for, under the member `outputKey`;
 * `rules` and `summarize` get the time of the call (epoch ms).
 */
export function listOperation<T extends ResourceType, S>(
  type: T,
  outputKey: string,
  rules: (nowMs: number) => ListingRules<StoredByType[T]>,
  summarize: (item: StoredByType[T], nowMs: number) => S,
): Operation {
  return {
    run(input, { store, now }) {
      const at = now();
      const { summaries, nextToken } = listPage(store.all(type), input, rules(at), (item) => summarize(item, at));
      return { [outputKey]: summaries, NextToken: nextToken };
    },
  };
}
