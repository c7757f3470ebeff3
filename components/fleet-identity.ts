/**
 * Fleet identity: the physical names of a fleet's Model and EndpointConfig, known before either exists so
 * they can be injected into the Model's container environment.
 *
 * One fleet = one generation id `G` (10 hex characters from a `random.RandomId` whose keepers are every
 * input that forces a Model or EndpointConfig replacement, never the tags). Both resources are named
 * `<endpoint name>--<G>`: a replacing change draws a new G (create-before-delete never collides), a
 * tag change keeps it, and going back to earlier inputs draws yet another G (a retained earlier
 * generation with the same inputs keeps its own name). The `--` separator scopes the tag-read policy:
 * endpoint names may not contain `--` (see `settings/names.ts`), so `<this endpoint>--*` matches the
 * generated names of this endpoint and of no other (proof in docs/deployments.md).
 */

/** Between the endpoint name and the generation id; endpoint names may not contain it. */
export const FLEET_SEPARATOR = "--";

/** Bytes of the generation id (10 hex characters). */
export const GENERATION_ID_BYTES = 5;

/** The longest SageMaker model / endpoint-config name. */
const MAX_NAME_LENGTH = 63;

/** The longest endpoint name that leaves room for `--<generation id>` in a 63-character name. */
export const MAX_FLEET_ENDPOINT_NAME_LENGTH = MAX_NAME_LENGTH - FLEET_SEPARATOR.length - 2 * GENERATION_ID_BYTES;

/** The Model and EndpointConfig names of one fleet. */
export interface FleetNames {
  /** The Model's name, `<endpoint>--<generation id>`. */
  modelName: string;
  /** The EndpointConfig's name, the same string (a different ARN type, so no clash). */
  endpointConfigName: string;
}

/** The names of the fleet with generation id `generationHex` of endpoint `endpointName`. */
export function fleetNames(endpointName: string, generationHex: string): FleetNames {
  const name = `${endpointName}${FLEET_SEPARATOR}${generationHex}`;
  return { modelName: name, endpointConfigName: name };
}

/** The container variables that carry the fleet identity (read by the container's tag reader). */
export function fleetEnvironment(names: FleetNames): Record<string, string> {
  return { SAGEMAKER_MODEL_NAME: names.modelName, SAGEMAKER_ENDPOINT_CONFIG_NAME: names.endpointConfigName };
}

/** Between a multi-variant fleet's name and the variant's position (`<endpoint>--<G>-<n>`). */
const VARIANT_SEPARATOR = "-";

/** The longest endpoint name of a multi-variant fleet: room for `-<n>` (n = 0..9) after `--<G>`. */
export const MAX_MULTI_VARIANT_ENDPOINT_NAME_LENGTH = MAX_FLEET_ENDPOINT_NAME_LENGTH - VARIANT_SEPARATOR.length - 1;

/**
 * The names seen by variant `index` (0..9) of a fleet of `count` variants: the EndpointConfig is the
 * fleet's; the Model is the fleet's name for a single variant (so one-variant stacks keep their names) and
 * `<endpoint>--<G>-<index>` for several, still under the `<endpoint>--*` pattern of the tag-read policy.
 */
export function variantFleetNames(fleet: FleetNames, index: number, count: number): FleetNames {
  return {
    modelName: count === 1 ? fleet.modelName : `${fleet.modelName}${VARIANT_SEPARATOR}${index}`,
    endpointConfigName: fleet.endpointConfigName,
  };
}
