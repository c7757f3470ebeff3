import { METRICS_NAMESPACE } from "./deployment-metrics";
import { withFleetIdentity } from "./fleet-identity";
import type { Settings } from "./settings";

/** The settings the container environment is made of; tags are deliberately not among them. */
export type ContainerEnvironmentSettings = Pick<
  Settings,
  "endpointName" | "tagCacheTtlSeconds" | "exposedTagKeys" | "tagsRequired"
>;

/**
 * `EXPOSED_TAG_KEYS` as the container parses it: comma-separated (tag keys cannot contain a comma), or a
 * JSON array when a key has leading or trailing whitespace, which AWS keeps and a comma list would lose
 * (the container trims the items of a comma list; tag keys cannot contain `[`, so the forms never clash).
 * Keys without such whitespace keep the comma form, so existing Models are not replaced.
 */
export function encodeTagKeys(keys: readonly string[]): string {
  return keys.every((key) => key === key.trim()) ? keys.join(",") : JSON.stringify(keys);
}

/**
 * The Model container's environment without its own Model name: what forces a new Model when it changes
 * (it is among the keepers of the Model's generation id). SageMaker sets neither the endpoint name, the variant nor
 * the region in a hosted container, so the program does; `METRICS_NAMESPACE` turns on the per-deployment
 * metrics (the role may publish there only). Tag values never enter it, so a tag change never changes
 * the Model (which would replace it). `extra` (a variant's config `environment`, default none) comes first;
 * its names never clash with the program's (the settings refuse them).
 */
export function fleetlessEnvironment(
  settings: ContainerEnvironmentSettings,
  region: string,
  variantName: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...extra,
    SAGEMAKER_ENDPOINT_NAME: settings.endpointName,
    AWS_REGION: region,
    TAG_CACHE_TTL_SECONDS: String(settings.tagCacheTtlSeconds),
    EXPOSED_TAG_KEYS: encodeTagKeys(settings.exposedTagKeys),
    TAGS_REQUIRED: String(settings.tagsRequired),
    SAGEMAKER_VARIANT_NAME: variantName,
    METRICS_NAMESPACE,
  };
}

/**
 * The Model container's environment: what the container needs to find and read its own tags. SageMaker
 * sets neither the endpoint name, the region nor the Model name in a hosted container, so the program
 * does: {@link fleetlessEnvironment} of the variant (its name in `SAGEMAKER_VARIANT_NAME`, its `extra`
 * variables) plus the Model's own name in `SAGEMAKER_MODEL_NAME`. No EndpointConfig name: the container
 * finds the config that launched it at run time, so a config-only change (weights, instance counts) never
 * touches the Model.
 */
export function containerEnvironment(
  settings: ContainerEnvironmentSettings,
  region: string,
  modelName: string,
  variantName: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return withFleetIdentity(fleetlessEnvironment(settings, region, variantName, extra), modelName);
}
