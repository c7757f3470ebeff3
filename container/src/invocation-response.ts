/**
 * The `application/json` invocation response every handler should produce (relied on by the
 * integration suite and local mode): the predictions plus the deployment's exposed tags with their
 * freshness, the parsed custom attributes and the inference id.
 */
import type { CustomAttributes } from "./custom-attributes";
import type { InvocationContext } from "./handler";
import type { TagMap } from "./tags/tag-layers";
import type { TagStatus } from "./tags/tag-provider";

/** The deployment metadata in a response. */
export interface DeploymentInfo {
  /** The endpoint (`SAGEMAKER_ENDPOINT_NAME`); null when not set. */
  readonly endpointName: string | null;
  /** The production variant that served the invocation (`SAGEMAKER_VARIANT_NAME`); null when not set. */
  readonly variantName: string | null;
  /** The Model of the fleet that served the invocation (`SAGEMAKER_MODEL_NAME`); null when not set. */
  readonly modelName: string | null;
  /**
   * The EndpointConfig whose tags were read: with a fleet identity the one that launched this fleet,
   * resolved at run time (see `tags/fleet-config.ts`); without, the endpoint's current one; null until
   * tags first load.
   */
  readonly endpointConfigName: string | null;
  /** The merged tags restricted to `EXPOSED_TAG_KEYS`. */
  readonly tags: TagMap;
  /** `fresh`, `stale` or `unavailable`. */
  readonly tagsStatus: TagStatus;
  /** ISO-8601 time the tags were loaded; null when never loaded. */
  readonly tagsLoadedAt: string | null;
  /** Seconds since the tags were loaded; null when never loaded. */
  readonly tagsAgeSeconds: number | null;
}

/** The JSON body of a successful invocation. */
export interface InvocationResponse {
  /** One prediction per input instance, in order. */
  readonly predictions: readonly unknown[];
  /** The deployment's exposed tags and their freshness. */
  readonly deployment: DeploymentInfo;
  /** The request's custom attributes (`raw` and parsed `attributes`); null when it had none. */
  readonly customAttributes: CustomAttributes | null;
  /** The request's inference id; null when it had none. */
  readonly inferenceId: string | null;
}

/** The response body for `predictions` in `context`. */
export function invocationResponse(predictions: readonly unknown[], context: InvocationContext): InvocationResponse {
  const { tags } = context;
  return {
    predictions,
    deployment: {
      endpointName: context.endpointName,
      variantName: context.variantName,
      modelName: context.fleet?.modelName ?? null,
      endpointConfigName: tags.endpointConfigName,
      tags: tags.exposed,
      tagsStatus: tags.status,
      tagsLoadedAt: tags.loadedAt?.toISOString() ?? null,
      tagsAgeSeconds: tags.ageSeconds,
    },
    customAttributes: context.customAttributes,
    inferenceId: context.inferenceId,
  };
}
