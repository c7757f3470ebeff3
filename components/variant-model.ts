import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withFleetIdentity } from "./fleet-identity";
import { generationName } from "./fleet-generation";

/**
 * The inputs of one variant's Model other than its name and tags, each of which forces a new Model (and a
 * new generation id, hence a new name) when it changes.
 */
export interface VariantModelInputs {
  /** The container image (required). */
  image: pulumi.Input<string>;
  /** The execution role ARN (required). */
  executionRoleArn: pulumi.Input<string>;
  /** The container environment without the Model's own name (`fleetlessEnvironment` of the variant; required). */
  environment: pulumi.Input<Record<string, string>>;
  /** The `s3://` model archive (default: none, the image carries its model). */
  modelDataUrl?: pulumi.Input<string>;
}

/** What else a variant's Model is made of. */
export interface VariantModelArgs {
  /** The endpoint the Model's name is scoped to (`<endpoint>--<generation>`; required). */
  endpointName: string;
  /** The Model's inputs (required). */
  inputs: VariantModelInputs;
  /** The Model's tags, the variant's own over the stack's (required). */
  tags: Record<string, string>;
}

/**
 * Variant Model `name` with its own generation (`<name>-generation`, a `random.RandomId` whose keepers are
 * the Model's inputs only): named `<endpoint>--<generation>`, with `SAGEMAKER_MODEL_NAME` added to its
 * environment. A change of another variant, of the weights or capacities, or of any tag leaves it as it is.
 */
export function variantModel(name: string, args: VariantModelArgs, opts: pulumi.CustomResourceOptions): aws.sagemaker.Model {
  const { inputs } = args;
  const environment = pulumi.output(inputs.environment);
  const modelName = generationName(
    `${name}-generation`,
    args.endpointName,
    {
      image: inputs.image,
      executionRoleArn: inputs.executionRoleArn,
      environment: environment.apply((env) => JSON.stringify(env)),
      modelDataUrl: pulumi.output(inputs.modelDataUrl).apply((url) => url ?? ""),
    },
    { parent: opts.parent },
  );
  return new aws.sagemaker.Model(
    name,
    {
      name: modelName,
      executionRoleArn: inputs.executionRoleArn,
      primaryContainer: {
        image: inputs.image,
        environment: pulumi.all([environment, modelName]).apply(([env, own]) => withFleetIdentity(env, own)),
        modelDataUrl: inputs.modelDataUrl,
      },
      enableNetworkIsolation: false,
      tags: args.tags,
    },
    opts,
  );
}
