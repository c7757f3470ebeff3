import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { GENERATION_ID_BYTES, generatedName } from "./fleet-identity";

/**
 * Every input that forces the replacement of one variant's Model, other than its name (which derives from
 * its generation) and its tags (which never replace anything). Each is a string, so `pulumi preview` shows
 * which one starts a new generation.
 */
export interface ModelKeepers {
  /** The Model's container image. */
  image: pulumi.Input<string>;
  /** The Model's execution role ARN. */
  executionRoleArn: pulumi.Input<string>;
  /** The Model's container environment without its own name, as JSON (it holds the variant name). */
  environment: pulumi.Input<string>;
  /** The Model's model data URL ("" when none): a changed model archive is a new Model. */
  modelDataUrl: pulumi.Input<string>;
}

/**
 * Every input that forces the replacement of the EndpointConfig other than its name and tags: its
 * production variants, model names included, so a replaced Model, a weight or a capacity change draws
 * a new config name.
 */
export interface ConfigKeepers {
  /** The EndpointConfig's production variants, as JSON. */
  productionVariants: pulumi.Input<string>;
}

/**
 * The name `<endpoint>--<generation>` of a Model or EndpointConfig of endpoint `endpointName`, from a
 * `random.RandomId` (5 bytes) whose keepers are `keepers`: the id, and with it the name, is replaced
 * exactly when one of them changes, and a return to earlier keepers draws a new id (see `fleet-identity.ts`).
 */
export function generationName(
  name: string,
  endpointName: string,
  keepers: ModelKeepers | ConfigKeepers,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const generation = new random.RandomId(
    name,
    { byteLength: GENERATION_ID_BYTES, keepers: keepers as unknown as pulumi.Input<Record<string, pulumi.Input<string>>> },
    opts,
  );
  return generation.hex.apply((hex) => generatedName(endpointName, hex));
}
