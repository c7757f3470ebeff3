import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, endpointArn, fleetArnPattern } from "./arns";
import { scalingPolicyArgs, scalingTargetArgs } from "./autoscaling";
import { fleetlessEnvironment } from "./container-environment";
import { endpointDeploymentConfig } from "./deployment-config";
import { endpointAlarms } from "./endpoint-alarms";
import { ExecutionRole } from "./execution-role";
import { fleetGeneration } from "./fleet-generation";
import { fleetEnvironment, variantFleetNames } from "./fleet-identity";
import { tagReadPolicy } from "./policy-documents";
import { productionVariant } from "./production-variant";
import { guardedEndpointName } from "./replacement-guard";
import { Settings, sharedTags, variantModelTags } from "./settings";

/** Arguments of {@link TaggedEndpoint}. */
export interface TaggedEndpointArgs {
  /** The validated stack settings: names, tags, variant, deployment, container options (required). */
  settings: Settings;
  /** The account, partition and region the stack deploys to (required). */
  environment: pulumi.Input<AwsEnvironment>;
  /** What each variant's Model runs, indexed like `settings.variants` (required). */
  variantArtifacts: VariantArtifacts[];
  /** The role SageMaker assumes; the component attaches the tag-read policy to it (required). */
  executionRole: ExecutionRole;
}

/** The image and model archive of one variant's Model (see `index.ts`: its own or the stack's). */
export interface VariantArtifacts {
  /** The image the Model runs (required). */
  imageUri: pulumi.Input<string>;
  /** The Model's `ModelDataUrl`, an `s3://` model archive (default: none, the image carries its model). */
  modelDataUrl?: pulumi.Input<string>;
}

/**
 * A SageMaker real-time endpoint whose containers can read their own tags: a fleet generation (a random id
 * replaced with any input that forces a new Model or EndpointConfig), a Model per production variant and one
 * EndpointConfiguration with all variants, named `<endpoint>--<generation>` (a variant's Model gets `-<n>`
 * appended when there are several; all retained in AWS when an update replaces them, as a rolled-back
 * endpoint still runs them), with each Model's container environment naming the endpoint, the region, its
 * variant and the fleet names, the tag-read policy on the endpoint and this endpoint's fleets (any
 * generation), then the Endpoint (fixed name, optional blue/green with auto-rollback alarms) and, for each
 * instance variant with autoscaling, a target-tracking scaling policy. All carry the stack's tags, except
 * that a key a variant sets for itself is on the variants' Models only (each with its own value).
 */
export class TaggedEndpoint extends pulumi.ComponentResource {
  /** The endpoint name. */
  readonly endpointName: pulumi.Output<string>;
  /** The endpoint ARN. */
  readonly endpointArn: pulumi.Output<string>;
  /** The endpoint configuration name, `<endpoint>--<generation>`. */
  readonly endpointConfigName: pulumi.Output<string>;
  /** The endpoint configuration ARN. */
  readonly endpointConfigArn: pulumi.Output<string>;
  /** The first variant's model name, `<endpoint>--<generation>` (`-0` appended with several variants). */
  readonly modelName: pulumi.Output<string>;
  /** The first variant's model ARN. */
  readonly modelArn: pulumi.Output<string>;
  /** Each variant's model name, in config order (`<endpoint>--<generation>-<n>` with several variants). */
  readonly variantModelNames: pulumi.Output<string>[];
  /** The auto-rollback alarm names (empty without auto-rollback); a change in their presence replaces the endpoint. */
  readonly rollbackAlarmNames: string[];

  constructor(name: string, args: TaggedEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tagged-endpoint:sagemaker:TaggedEndpoint", name, {}, opts);
    const { settings, executionRole } = args;
    const environment = pulumi.output(args.environment);
    const tags = sharedTags(settings);

    const variants = settings.variants;
    const count = variants.length;
    const variantsOfFleet = variants.map((variant) => productionVariant(variant, ""));
    // Variant `index`'s Model inputs: its image, model archive and environment without the fleet names.
    const modelInputs = (index: number) => {
      const artifacts = args.variantArtifacts[index];
      const variant = variants[index];
      return {
        image: pulumi.output(artifacts.imageUri),
        modelDataUrl: artifacts.modelDataUrl === undefined ? undefined : pulumi.output(artifacts.modelDataUrl),
        environment: environment.apply((env) => fleetlessEnvironment(settings, env.region, variant.name, variant.environment)),
      };
    };
    const inputs = variants.map((_, index) => modelInputs(index));
    // One variant keeps plain values (its generation stays); several keep the JSON list of all variants' values.
    const kept = (values: pulumi.Output<unknown>[]) =>
      pulumi.all(values).apply((all) => (count === 1 ? all[0] : all)).apply((value) => (typeof value === "string" ? value : JSON.stringify(value)));
    const fleet = fleetGeneration(
      `${name}-fleet`,
      settings.endpointName,
      {
        image: kept(inputs.map((input) => input.image)),
        executionRoleArn: executionRole.roleArn,
        environment: kept(inputs.map((input) => input.environment)),
        modelDataUrl: kept(inputs.map((input) => pulumi.output(input.modelDataUrl).apply((url) => url ?? ""))),
        // One variant keeps the object form, so one-variant stacks keep their generation.
        productionVariant: JSON.stringify(count === 1 ? variantsOfFleet[0] : variantsOfFleet),
      },
      { parent: this },
    );

    const models = variants.map((variant, index) => {
      const names = fleet.apply((names) => variantFleetNames(names, index, count));
      return new aws.sagemaker.Model(
        `${name}-model${resourceSuffix(variant.name, count)}`,
        {
          name: names.modelName,
          executionRoleArn: executionRole.roleArn,
          primaryContainer: {
            image: inputs[index].image,
            environment: pulumi
              .all([inputs[index].environment, names])
              .apply(([fleetless, variantNames]) => ({ ...fleetless, ...fleetEnvironment(variantNames) })),
            modelDataUrl: inputs[index].modelDataUrl,
          },
          enableNetworkIsolation: false,
          // The variant's own tags (e.g. its ModelVersion) over the stack's: its container's model tag layer.
          tags: variantModelTags(settings, index),
        },
        // retainOnDelete: a replaced Model stays in AWS. When SageMaker rolls an update back, the endpoint runs
        // the previous Model again, which Pulumi's create-before-delete would otherwise have deleted; `npm run
        // cleanup` deletes the ones no endpoint references.
        { parent: this, dependsOn: [executionRole], retainOnDelete: true },
      );
    });

    const config = new aws.sagemaker.EndpointConfiguration(
      `${name}-config`,
      {
        name: fleet.endpointConfigName,
        productionVariants: variants.map((variant, index) => productionVariant(variant, models[index].name)),
        tags,
      },
      // Kept for the same reason as the Model: a rolled-back endpoint runs the previous configuration.
      { parent: this, retainOnDelete: true },
    );

    const policy = environment.apply((env) =>
      JSON.stringify(
        tagReadPolicy({
          endpointArn: endpointArn(env, settings.endpointName),
          endpointConfigArnPattern: fleetArnPattern(env, "endpoint-config", settings.endpointName),
          modelArnPattern: fleetArnPattern(env, "model", settings.endpointName),
        }),
      ),
    );
    const tagRead = new aws.iam.RolePolicy(
      `${name}-tag-read`,
      { role: executionRole.roleName, policy },
      { parent: this },
    );

    const alarms = endpointAlarms(name, { settings, tags, environment, roleName: executionRole.roleName }, this);
    const alarmNames = alarms.rollbackAlarmNames;

    const endpoint = new aws.sagemaker.Endpoint(
      name,
      {
        name: guardedEndpointName(settings, { endpointName: settings.endpointName, rollbackAlarmNames: alarmNames }, this),
        endpointConfigName: config.name,
        deploymentConfig: settings.deployment ? endpointDeploymentConfig(settings.deployment, alarmNames) : undefined,
        tags,
      },
      // deleteBeforeReplace: only an opted-in replacement gets here (see replacement-guard.ts), and the fixed
      // name cannot exist twice.
      {
        parent: this,
        dependsOn: [tagRead, executionRole, ...alarms.resources],
        deleteBeforeReplace: settings.allowEndpointReplacement,
      },
    );

    for (const variant of variants) {
      const capacity = variant.capacity;
      if (capacity.kind !== "instance" || !capacity.autoscaling) continue;
      const suffix = resourceSuffix(variant.name, count);
      const target = new aws.appautoscaling.Target(
        `${name}-scaling-target${suffix}`,
        scalingTargetArgs(endpoint.name, variant.name, capacity.autoscaling, tags),
        { parent: this },
      );
      new aws.appautoscaling.Policy(`${name}-scaling-policy${suffix}`, scalingPolicyArgs(target, capacity.autoscaling), {
        parent: this,
      });
    }

    this.endpointName = endpoint.name;
    this.endpointArn = endpoint.arn;
    this.endpointConfigName = config.name;
    this.endpointConfigArn = config.arn;
    this.modelName = models[0].name;
    this.modelArn = models[0].arn;
    this.variantModelNames = models.map((model) => model.name);
    this.rollbackAlarmNames = alarmNames;
    this.registerOutputs({
      endpointName: this.endpointName,
      endpointArn: this.endpointArn,
      endpointConfigName: this.endpointConfigName,
      endpointConfigArn: this.endpointConfigArn,
      modelName: this.modelName,
      modelArn: this.modelArn,
      variantModelNames: this.variantModelNames,
      rollbackAlarmNames: this.rollbackAlarmNames,
    });
  }
}

/** The logical-name suffix of a variant's resources: none for a single variant (names unchanged), `-<variant>` for several. */
function resourceSuffix(variantName: string, count: number): string {
  return count === 1 ? "" : `-${variantName}`;
}
