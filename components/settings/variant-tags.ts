import type { Settings } from "./settings";
import type { Tags } from "./tags";

/**
 * The tags of the endpoint-wide resources (Endpoint, EndpointConfig, scaling targets, alarms): the stack's
 * tags without the keys a variant sets for itself (e.g. `ModelVersion` in an A/B test). Those are
 * per-variant and go on the variants' Models only, since the container's merged tag view lets the
 * Endpoint's and EndpointConfig's tags win over the Model's. For the `variant` shorthand: the stack's tags.
 */
export function sharedTags(settings: Pick<Settings, "tags" | "variants">): Tags {
  const variantKeys = new Set(settings.variants.flatMap((variant) => Object.keys(variant.tags)));
  return Object.fromEntries(Object.entries(settings.tags).filter(([key]) => !variantKeys.has(key)));
}

/** The tags of variant `index`'s Model: the stack's tags with the variant's own over them. */
export function variantModelTags(settings: Pick<Settings, "tags" | "variants">, index: number): Tags {
  return { ...settings.tags, ...settings.variants[index].tags };
}
