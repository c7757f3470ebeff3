/**
 * Weighted routing across production variants, as SageMaker does it: an invocation without a target
 * variant goes to variant i with probability weight_i / sum(weights) (current weights: the config's
 * `InitialVariantWeight`, default 1, unless UpdateEndpointWeightsAndCapacities changed them).
 */
import type { JsonObject } from "./constraints";

/** A production variant's name and current weight. */
export interface WeightedVariant {
  /** The variant name. */
  name: string;
  /** Its current weight, >= 0. */
  weight: number;
}

/** The variants of `variants` (a config's ProductionVariants) with their current weights (`overrides` first). */
export function weightedVariants(variants: readonly JsonObject[], overrides: Readonly<Record<string, number>> = {}): WeightedVariant[] {
  return variants.map((variant) => {
    const name = String(variant.VariantName ?? "");
    const configured = typeof variant.InitialVariantWeight === "number" ? variant.InitialVariantWeight : 1;
    return { name, weight: overrides[name] ?? configured };
  });
}

/** The variant a uniform draw `draw` in [0, 1) picks; the first variant when every weight is 0. */
export function pickVariant(variants: readonly WeightedVariant[], draw: number): string {
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  let remaining = draw * total;
  for (const variant of variants) {
    if (variant.weight > 0 && remaining < variant.weight) return variant.name;
    remaining -= variant.weight;
  }
  return [...variants].reverse().find((variant) => variant.weight > 0)?.name ?? variants[0]?.name ?? "";
}
