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

/** Shares closer than this count as equal (weights are floats; 90/10 and 0.9/0.1 are the same split). */
const SHARE_TOLERANCE = 1e-9;

/**
 * The variants whose live share of traffic differs from the configured one (in config order, then live-only
 * ones). SageMaker weights are relative, a variant gets weight / sum of weights, so 9/1 live matches 90/10
 * in the config; the differences carry the numbers as configured and as live.
 */
export function compareWeights(
  settings: { variants: readonly Pick<Settings["variants"][number], "name" | "initialWeight">[] },
  live: Record<string, number>,
): WeightDifference[] {
  const expected = Object.fromEntries(settings.variants.map((variant) => [variant.name, variant.initialWeight]));
  const expectedShare = shares(expected);
  const liveShare = shares(live);
  const names = [...new Set([...Object.keys(expected), ...Object.keys(live)])];
  return names
    .filter((name) => expectedShare[name] === undefined || liveShare[name] === undefined || Math.abs(expectedShare[name] - liveShare[name]) > SHARE_TOLERANCE)
    .map((variant) => ({ variant, expected: expected[variant], live: live[variant] }));
}

/** Each variant's share of traffic (all 0 when every weight is 0). */
function shares(weights: Record<string, number>): Record<string, number> {
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  return Object.fromEntries(Object.entries(weights).map(([name, weight]) => [name, total === 0 ? 0 : weight / total]));
}

/** The weight differences as text lines, with the reminder of what to do (called only when there are some). */
export function formatWeightDrift(differences: WeightDifference[]): string {
  const rows = differences.map((d) => `  ${d.variant}: config ${d.expected ?? "-"}, live ${d.live ?? "-"}`);
  return [
    "weight drift (an UpdateEndpointWeightsAndCapacities call?): set the variants' initialWeight in the stack config to " +
      "match (pulumi up alone does not reset live weights; the next new EndpointConfig brings the configured ones), or " +
      "call aws sagemaker update-endpoint-weights-and-capacities with the configured weights:",
    ...rows,
  ].join("\n");
}
