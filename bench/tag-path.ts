// The tag path alone, in this process, without HTTP or a load generator: what reading tags adds to one
// invocation's CPU. Per iteration: the tag state from the cache (or from the provider when tag reading
// is off), the handler's view of it, the sample handler's response and its JSON, as an invocation does.
import { invocationResponse } from "../container/src/invocation-response";
import { createLogger } from "../container/src/log";
import { TagCache } from "../container/src/tags/tag-cache";
import { unavailableTags, type TagProvider } from "../container/src/tags/tag-provider";
import { viewTags } from "../container/src/tags/tags-view";
import { USER_TAGS } from "./deployment";

/** CPU per iteration of the tag path, tags on and off, in microseconds (best of three rounds). */
export interface TagPathCost {
  /** With a fresh tag cache (the deployment's tags on all three layers). */
  tagsOnMicros: number;
  /** With tag reading off. */
  tagsOffMicros: number;
  /** Iterations per round. */
  iterations: number;
}

async function microsPerIteration(provider: TagProvider, iterations: number): Promise<number> {
  const keys = Object.keys(USER_TAGS);
  const context = { customAttributes: null, inferenceId: null, endpointName: "tagged-endpoint-bench", variantName: "AllTraffic", fleet: null, log: createLogger("error") };
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = process.cpuUsage();
    for (let i = 0; i < iterations; i++) {
      const tags = viewTags(await provider.current(), keys);
      JSON.stringify(invocationResponse([1, 2, 3, 4], { ...context, tags }));
    }
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / iterations);
  }
  return best;
}

/** Measures the tag path with tags on and off. */
export async function measureTagPath(iterations = 200_000): Promise<TagPathCost> {
  const tags = { ...USER_TAGS, ManagedBy: "pulumi" };
  const cache = new TagCache({ ttlSeconds: 300, load: () => Promise.resolve({ layers: { endpoint: tags, endpointConfig: tags, model: tags }, endpointConfigName: "bench--0123456789" }), log: createLogger("error") });
  cache.start();
  await cache.current();
  try {
    return {
      tagsOnMicros: await microsPerIteration(cache, iterations),
      tagsOffMicros: await microsPerIteration(unavailableTags("off"), iterations),
      iterations,
    };
  } finally {
    await cache.close();
  }
}
