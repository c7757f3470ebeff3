import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, endpointArn, fleetArnPattern } from "./arns";
import { scalingPolicyArgs, scalingTargetArgs } from "./autoscaling";
import { fleetlessEnvironment } from "./container-environment";
import { endpointDeploymentConfig } from "./deployment-config";
import { endpointAlarms } from "./endpoint-alarms";
import { ExecutionRole } from "./execution-role";
import { generationName } from "./fleet-generation";
import { tagReadPolicy } from "./policy-documents";
import { productionVariant, resourceSuffix } from "./production-variant";
import { guardedEndpointName } from "./replacement-guard";
import { Settings, sharedTags, variantModelTags } from "./settings";
import { VariantModelInputs, variantModel } from "./variant-model";

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
 * A SageMaker real-time endpoint whose containers can read their own tags: a Model per production variant,
 * each with its own generation (a random id replaced with any input that forces a new Model), and one
 * EndpointConfiguration with all variants, with its own generation (replaced with any change of its
 * production variants, model names included), each named `<endpoint>--<its generation>` (all retained in
 * AWS when an update replaces them, as a rolled-back endpoint still runs them), with each Model's container
 * environment naming the endpoint, the region, its variant and its own Model name (the container finds its
 * config at run time), the tag-read policy on the endpoint and this endpoint's fleets (any generation), then
 * the Endpoint (fixed name, optional blue/green with auto-rollback alarms) and, for each
 * instance variant with autoscaling, a target-tracking scaling policy. All carry the stack's tags, except
 * that a key a variant sets for itself is on the variants' Models only (each with its own value).
 */
export class TaggedEndpoint extends pulumi.ComponentResource {
  /** The endpoint name. */
  readonly endpointName: pulumi.Output<string>;
  /** The endpoint ARN. */
  readonly endpointArn: pulumi.Output<string>;
  /** The endpoint configuration name, `<endpoint>--<its generation>`. */
  readonly endpointConfigName: pulumi.Output<string>;
  /** The endpoint configuration ARN. */
  readonly endpointConfigArn: pulumi.Output<string>;
  /** The first variant's model name, `<endpoint>--<its generation>`. */
  readonly modelName: pulumi.Output<string>;
  /** The first variant's model ARN. */
  readonly modelArn: pulumi.Output<string>;
  /** Each variant's model name, in config order (`<endpoint>--<its generation>`). */
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
    // Variant `index`'s Model inputs: its own image and model archive or the stack's (index.ts), and its
    // environment without its Model name; the one place they are made.
    const modelInputs = (index: number): VariantModelInputs => ({
      image: args.variantArtifacts[index].imageUri,
      executionRoleArn: executionRole.roleArn,
      environment: environment.apply((env) => fleetlessEnvironment(settings, env.region, variants[index].name, variants[index].environment)),
      modelDataUrl: args.variantArtifacts[index].modelDataUrl,
    });

    const models = variants.map((variant, index) =>
      variantModel(
        `${name}-model${resourceSuffix(variant.name, count)}`,
        // The variant's own tags (e.g. its ModelVersion) over the stack's: its container's model tag layer.
        { endpointName: settings.endpointName, inputs: modelInputs(index), tags: variantModelTags(settings, index) },
        // retainOnDelete: a replaced Model stays in AWS. When SageMaker rolls an update back, the endpoint runs
        // the previous Model again, which Pulumi's create-before-delete would otherwise have deleted; `npm run
        // cleanup` deletes the ones no endpoint references.
        { parent: this, dependsOn: [executionRole], retainOnDelete: true },
      ),
    );

    // The config's generation keeps its production variants with the model names, so a replaced Model, a
    // weight or a capacity change draws a new config name (and nothing else does).
    const variantsKeeper = pulumi
      .all(models.map((model) => model.name))
      .apply((modelNames) => JSON.stringify(variants.map((variant, index) => productionVariant(variant, modelNames[index]))));
    const config = new aws.sagemaker.EndpointConfiguration(
      `${name}-config`,
      {
        name: generationName(
          `${name}-config-generation`,
          settings.endpointName,
          { productionVariants: variantsKeeper },
          { parent: this },
        ),
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
