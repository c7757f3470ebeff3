/**
 * Weight drift: the variants' live `CurrentWeight` (DescribeEndpoint) against their configured
 * `initialWeight`. An urgent shift with UpdateEndpointWeightsAndCapacities changes the live weights only;
 * the drift check then reminds the operator to bring the stack config in line.
 */
import { DescribeEndpointCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { Settings } from "../components/settings";

/** One variant whose live weight differs from its configured one. */
export interface WeightDifference {
  /** The variant name. */
  variant: string;
  /** The configured `initialWeight`; undefined when the variant is not in the config. */
  expected?: number;
  /** The live `CurrentWeight`; undefined when the endpoint has no such variant. */
  live?: number;
}

/** The live current weight of each production variant of `endpointName`. */
export async function readLiveWeights(client: SageMakerClient, endpointName: string): Promise<Record<string, number>> {
  const described = await client.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
  return Object.fromEntries((described.ProductionVariants ?? []).map((variant) => [variant.VariantName ?? "", variant.CurrentWeight ?? 0]));
}

/** The variants whose live weight differs from the config (in config order, then live-only ones). */
export function compareWeights(settings: Pick<Settings, "variants">, live: Record<string, number>): WeightDifference[] {
  const expected = Object.fromEntries(settings.variants.map((variant) => [variant.name, variant.initialWeight]));
  const names = [...new Set([...Object.keys(expected), ...Object.keys(live)])];
  return names.filter((name) => expected[name] !== live[name]).map((variant) => ({ variant, expected: expected[variant], live: live[variant] }));
}

/** The weight differences as text lines, with the reminder of what to do (called only when there are some). */
export function formatWeightDrift(differences: WeightDifference[]): string {
  const rows = differences.map((d) => `  ${d.variant}: config ${d.expected ?? "-"}, live ${d.live ?? "-"}`);
  return ["weight drift (an UpdateEndpointWeightsAndCapacities call?): set the variants' initialWeight in the stack config to match, or run pulumi up to restore them:", ...rows].join("\n");
}
