import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, alarmArn, endpointArn } from "./arns";
import { scalingPolicyArgs, scalingTargetArgs } from "./autoscaling";
import { containerEnvironment } from "./container-environment";
import { endpointDeploymentConfig } from "./deployment-config";
import { ExecutionRole } from "./execution-role";
import { rollbackAlarmsReadPolicy, tagReadPolicy } from "./policy-documents";
import { productionVariant } from "./production-variant";
import { guardedEndpointName } from "./replacement-guard";
import { rollbackAlarmSpecs } from "./rollback-alarms";
import { Settings } from "./settings";

/** Arguments of {@link TaggedEndpoint}. */
export interface TaggedEndpointArgs {
  /** The validated stack settings: names, tags, variant, deployment, container options (required). */
  settings: Settings;
  /** The account, partition and region the stack deploys to (required). */
  environment: pulumi.Input<AwsEnvironment>;
  /** The image the Model runs (required). */
  imageUri: pulumi.Input<string>;
  /** The role SageMaker assumes; the component attaches the tag-read policy to it (required). */
  executionRole: ExecutionRole;
  /** The Model's `ModelDataUrl`, an `s3://` model archive (default: none, the image carries its model). */
  modelDataUrl?: pulumi.Input<string>;
}

/**
 * A SageMaker real-time endpoint whose container can read the endpoint's own tags: a Model whose container
 * environment names the endpoint and region, an auto-named EndpointConfiguration (both retained in AWS when
 * an update replaces them, as a rolled-back endpoint still runs them), the tag-read policy on
 * exactly these three ARNs, then the Endpoint (fixed name, optional blue/green with auto-rollback alarms) and,
 * for instance variants with autoscaling, a target-tracking scaling policy. All carry the same tags.
 */
export class TaggedEndpoint extends pulumi.ComponentResource {
  /** The endpoint name. */
  readonly endpointName: pulumi.Output<string>;
  /** The endpoint ARN. */
  readonly endpointArn: pulumi.Output<string>;
  /** The (generated) endpoint configuration name. */
  readonly endpointConfigName: pulumi.Output<string>;
  /** The endpoint configuration ARN. */
  readonly endpointConfigArn: pulumi.Output<string>;
  /** The (generated) model name. */
  readonly modelName: pulumi.Output<string>;
  /** The model ARN. */
  readonly modelArn: pulumi.Output<string>;
  /** The auto-rollback alarm names (empty without auto-rollback); a change in their presence replaces the endpoint. */
  readonly rollbackAlarmNames: string[];

  constructor(name: string, args: TaggedEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tagged-endpoint:sagemaker:TaggedEndpoint", name, {}, opts);
    const { settings, executionRole } = args;
    const environment = pulumi.output(args.environment);
    const tags = settings.tags;

    const model = new aws.sagemaker.Model(
      `${name}-model`,
      {
        executionRoleArn: executionRole.roleArn,
        primaryContainer: {
          image: args.imageUri,
          environment: environment.apply((env) => containerEnvironment(settings, env.region)),
          modelDataUrl: args.modelDataUrl,
        },
        enableNetworkIsolation: false,
        tags,
      },
      // retainOnDelete: a replaced Model stays in AWS. When SageMaker rolls an update back, the endpoint runs
      // the previous Model again, which Pulumi's create-before-delete would otherwise have deleted; `npm run
      // cleanup` deletes the ones no endpoint references.
      { parent: this, dependsOn: [executionRole], retainOnDelete: true },
    );

    const config = new aws.sagemaker.EndpointConfiguration(
      `${name}-config`,
      { productionVariants: [productionVariant(settings.variant, model.name)], tags },
      // Kept for the same reason as the Model: a rolled-back endpoint runs the previous configuration.
      { parent: this, retainOnDelete: true },
    );

    const policy = pulumi
      .all([environment, config.arn, model.arn])
      .apply(([env, endpointConfigArn, modelArn]) =>
        JSON.stringify(
          tagReadPolicy({ endpointArn: endpointArn(env, settings.endpointName), endpointConfigArn, modelArn }),
        ),
      );
    const tagRead = new aws.iam.RolePolicy(
      `${name}-tag-read`,
      { role: executionRole.roleName, policy },
      { parent: this },
    );

    // The alarm names are plain strings of the settings (not alarm outputs), so the endpoint's auto-rollback
    // configuration, which the provider cannot change without replacing the endpoint, stays as it is when
    // only the thresholds change.
    const rollback = settings.deployment?.autoRollback;
    const alarmSpecs = rollback ? rollbackAlarmSpecs(settings.endpointName, rollback, tags) : [];
    const alarmNames = alarmSpecs.map((spec) => spec.args.name);
    const alarms = alarmSpecs.map((spec) => new aws.cloudwatch.MetricAlarm(`${name}-${spec.id}`, spec.args, { parent: this }));
    const alarmRead =
      alarmNames.length > 0
        ? [
            new aws.iam.RolePolicy(
              `${name}-rollback-alarms-read`,
              {
                role: executionRole.roleName,
                policy: environment.apply((env) =>
                  JSON.stringify(rollbackAlarmsReadPolicy(alarmNames.map((alarmName) => alarmArn(env, alarmName)))),
                ),
              },
              { parent: this },
            ),
          ]
        : [];

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
        dependsOn: [tagRead, executionRole, ...alarms, ...alarmRead],
        deleteBeforeReplace: settings.allowEndpointReplacement,
      },
    );

    const variant = settings.variant;
    if (variant.kind === "instance" && variant.autoscaling) {
      const target = new aws.appautoscaling.Target(
        `${name}-scaling-target`,
        scalingTargetArgs(endpoint.name, variant.autoscaling, tags),
        { parent: this },
      );
      new aws.appautoscaling.Policy(`${name}-scaling-policy`, scalingPolicyArgs(target, variant.autoscaling), {
        parent: this,
      });
    }

    this.endpointName = endpoint.name;
    this.endpointArn = endpoint.arn;
    this.endpointConfigName = config.name;
    this.endpointConfigArn = config.arn;
    this.modelName = model.name;
    this.modelArn = model.arn;
    this.rollbackAlarmNames = alarmNames;
    this.registerOutputs({
      endpointName: this.endpointName,
      endpointArn: this.endpointArn,
      endpointConfigName: this.endpointConfigName,
      endpointConfigArn: this.endpointConfigArn,
      modelName: this.modelName,
      modelArn: this.modelArn,
      rollbackAlarmNames: this.rollbackAlarmNames,
    });
  }
}
