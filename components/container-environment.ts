import { FleetNames, fleetEnvironment } from "./fleet-identity";
import { Settings } from "./settings";

/** The settings the container environment is made of; tags are deliberately not among them. */
export type ContainerEnvironmentSettings = Pick<
  Settings,
  "endpointName" | "tagCacheTtlSeconds" | "exposedTagKeys" | "tagsRequired"
>;

/**
 * The Model container's environment without the fleet identity: what forces a new fleet when it changes
 * (it is among the generation id's keepers). Tag values never enter it, so a tag change never changes
 * the Model (which would replace it).
 */
export function fleetlessEnvironment(settings: ContainerEnvironmentSettings, region: string): Record<string, string> {
  return {
    SAGEMAKER_ENDPOINT_NAME: settings.endpointName,
    AWS_REGION: region,
    TAG_CACHE_TTL_SECONDS: String(settings.tagCacheTtlSeconds),
    EXPOSED_TAG_KEYS: settings.exposedTagKeys.join(","),
    TAGS_REQUIRED: String(settings.tagsRequired),
  };
}

/**
 * The Model container's environment: what the container needs to find and read its own tags. SageMaker
 * sets neither the endpoint name, the region nor the Model or EndpointConfig name in a hosted container,
 * so the program does: {@link fleetlessEnvironment} plus `SAGEMAKER_MODEL_NAME` and
 * `SAGEMAKER_ENDPOINT_CONFIG_NAME` of the fleet.
 */
export function containerEnvironment(settings: ContainerEnvironmentSettings, region: string, fleet: FleetNames): Record<string, string> {
  return { ...fleetlessEnvironment(settings, region), ...fleetEnvironment(fleet) };
}
