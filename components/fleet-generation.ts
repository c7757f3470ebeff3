import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { FleetNames, GENERATION_ID_BYTES, fleetNames } from "./fleet-identity";

/**
 * Every input that forces the replacement of a fleet's Model or EndpointConfig, other than their names
 * (which derive from the generation) and their tags (which never replace anything). Each is a string, so
 * `pulumi preview` shows which one starts a new generation.
 */
export interface FleetInputs {
  /** The Model's container image. */
  image: pulumi.Input<string>;
  /** The Model's execution role ARN. */
  executionRoleArn: pulumi.Input<string>;
  /** The Model's container environment without the fleet names, as JSON. */
  environment: pulumi.Input<string>;
  /** The Model's model data URL ("" when none): a changed model archive is a new fleet. */
  modelDataUrl: pulumi.Input<string>;
  /** The EndpointConfig's production variant without the model name, as JSON. */
  productionVariant: string;
}

/**
 * The fleet generation of endpoint `endpointName`: a `random.RandomId` (5 bytes) whose keepers are the
 * {@link FleetInputs}, so it, and with it the Model and EndpointConfig names, is replaced exactly when
 * one of them changes, and a return to earlier inputs draws a new id (see `fleet-identity.ts`).
 */
export function fleetGeneration(
  name: string,
  endpointName: string,
  inputs: FleetInputs,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<FleetNames> {
  const generation = new random.RandomId(
    name,
    { byteLength: GENERATION_ID_BYTES, keepers: inputs as unknown as pulumi.Input<Record<string, pulumi.Input<string>>> },
    opts,
  );
  return generation.hex.apply((hex) => fleetNames(endpointName, hex));
}
