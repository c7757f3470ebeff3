/**
 * Fleet identity: the physical names of a variant's Model and of the EndpointConfig, known before either
 * exists so the Model's name can be injected into its container's environment.
 *
 * Each variant's Model has its own generation id and the EndpointConfig has another (10 hex characters
 * each, from a `random.RandomId` whose keepers are the inputs that force that resource's replacement,
 * never the tags; see `fleet-generation.ts`). Every one is named `<endpoint name>--<its generation id>`: a
 * replacing change draws a new id (create-before-delete never collides), a tag change keeps it, and going
 * back to earlier inputs draws yet another id (a retained earlier resource with the same inputs keeps its
 * own name). The `--` separator scopes the tag-read policy: endpoint names may not contain `--` (see
 * `settings/names.ts`), so `<this endpoint>--*` matches the generated names of this endpoint and of no
 * other (proof in docs/deployments.md). A container knows its fleet as its Model name plus its variant
 * name, and finds the EndpointConfig that launched it at run time.
 */

/** Between the endpoint name and the generation id; endpoint names may not contain it. */
export const FLEET_SEPARATOR = "--";

/** Bytes of a generation id (10 hex characters). */
export const GENERATION_ID_BYTES = 5;

/** The longest SageMaker model / endpoint-config name. */
const MAX_NAME_LENGTH = 63;

/** The longest endpoint name that leaves room for `--<generation id>` in a 63-character name. */
export const MAX_FLEET_ENDPOINT_NAME_LENGTH = MAX_NAME_LENGTH - FLEET_SEPARATOR.length - 2 * GENERATION_ID_BYTES;

/** The name of the Model or EndpointConfig of endpoint `endpointName` with generation id `generationHex`. */
export function generatedName(endpointName: string, generationHex: string): string {
  return `${endpointName}${FLEET_SEPARATOR}${generationHex}`;
}

/**
 * A Model's container environment `environment` (which names the variant in `SAGEMAKER_VARIANT_NAME`) with
 * the Model's own name in `SAGEMAKER_MODEL_NAME`: the two make the fleet identity the container reads.
 */
export function withFleetIdentity(environment: Record<string, string>, modelName: string): Record<string, string> {
  return { ...environment, SAGEMAKER_MODEL_NAME: modelName };
}
