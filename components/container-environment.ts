import type { Settings } from "./settings";

/** The settings the container environment is made of; tags are deliberately not among them. */
export type ContainerEnvironmentSettings = Pick<
  Settings,
  "endpointName" | "tagCacheTtlSeconds" | "exposedTagKeys" | "tagsRequired"
>;

/**
 * The Model container's environment: what the container needs to find and read its endpoint's tags.
 * SageMaker sets neither the endpoint name nor the region in a hosted container, so the program does.
 * Tag values never enter it, so a tag change never changes the Model (which would replace it).
 */
export function containerEnvironment(settings: ContainerEnvironmentSettings, region: string): Record<string, string> {
  return {
    SAGEMAKER_ENDPOINT_NAME: settings.endpointName,
    AWS_REGION: region,
    TAG_CACHE_TTL_SECONDS: String(settings.tagCacheTtlSeconds),
    EXPOSED_TAG_KEYS: settings.exposedTagKeys.join(","),
    TAGS_REQUIRED: String(settings.tagsRequired),
  };
}
