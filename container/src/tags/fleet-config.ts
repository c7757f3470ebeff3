/**
 * The EndpointConfig that launched this container's fleet, found at run time. The deployer injects the
 * container's Model name and variant name only (so a weight or capacity change, which draws a new config,
 * leaves the Model as it is); the config is the one among the endpoint's pending config (during an update,
 * the new fleet's) and its current config, in that order, whose production variants run this Model as
 * this variant. A config's content never changes, so each is described at most once.
 *
 * Ambiguity: a config-only update (e.g. new weights) runs the same Model and variant in both fleets of the
 * blue/green deployment. A container starting while it is pending resolves to the pending config, even an
 * old-fleet instance replaced during the update; a container resolves once, so one started before the
 * update keeps its config.
 */
import { DescribeEndpointConfigCommand, type DescribeEndpointOutput, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { FleetIdentity } from "../config";
import { callControlPlane, ControlPlaneError, requiredField } from "./control-plane-error";

/** What the resolution needs of one EndpointConfig. */
export interface DescribedConfig {
  /** The config's ARN. */
  readonly arn: string | undefined;
  /** Its production variants' names and models. */
  readonly variants: readonly { readonly VariantName?: string; readonly ModelName?: string }[];
}

/** Configs already described, by name (their content never changes). */
export type ConfigCache = Map<string, DescribedConfig>;

/** The resolved EndpointConfig. */
export interface FleetConfig {
  /** Its name. */
  readonly name: string;
  /** Its ARN (as DescribeEndpointConfig gives it). */
  readonly arn: string;
}

/**
 * The config of `endpoint` (a DescribeEndpoint response for `endpointName`) whose production variants run
 * `fleet.modelName` as `fleet.variantName`: the pending config first, then the current one. Fails with a
 * `ControlPlaneError` naming the model, variant and configs tried when none does.
 */
export async function resolveFleetConfig(
  client: SageMakerClient,
  endpointName: string,
  endpoint: DescribeEndpointOutput,
  fleet: FleetIdentity,
  cache: ConfigCache,
  signal?: AbortSignal,
): Promise<FleetConfig> {
  const candidates = [...new Set([endpoint.PendingDeploymentSummary?.EndpointConfigName, endpoint.EndpointConfigName])].filter(
    (name): name is string => name !== undefined && name !== "",
  );
  for (const name of candidates) {
    const config = await describeConfig(client, name, cache, signal);
    const runsFleet = config.variants.some((variant) => variant.VariantName === fleet.variantName && variant.ModelName === fleet.modelName);
    if (runsFleet) return { name, arn: requiredField(config.arn, "DescribeEndpointConfig", name, "EndpointConfigArn") };
  }
  throw new ControlPlaneError(
    "sagemaker:DescribeEndpointConfig",
    `endpoint "${endpointName}"`,
    "FleetConfigNotFound",
    `no endpoint config runs model "${fleet.modelName}" as variant "${fleet.variantName}" ` +
      `(tried: ${candidates.length === 0 ? "none, DescribeEndpoint names no config" : candidates.map((name) => `"${name}"`).join(", ")})`,
  );
}

async function describeConfig(client: SageMakerClient, name: string, cache: ConfigCache, signal?: AbortSignal): Promise<DescribedConfig> {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const output = await callControlPlane("DescribeEndpointConfig", `endpoint config "${name}"`, () =>
    client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }), { abortSignal: signal }),
  );
  const described = { arn: output.EndpointConfigArn, variants: output.ProductionVariants ?? [] };
  cache.set(name, described);
  return described;
}
