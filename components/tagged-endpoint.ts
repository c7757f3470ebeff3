import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, endpointArn } from "./arns";
import { scalingPolicyArgs, scalingTargetArgs } from "./autoscaling";
import { containerEnvironment } from "./container-environment";
import { endpointDeploymentConfig } from "./deployment-config";
import { ExecutionRole } from "./execution-role";
import { tagReadPolicy } from "./policy-documents";
import { productionVariant } from "./production-variant";
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
 * environment names the endpoint and region, an auto-named EndpointConfiguration, the tag-read policy on
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
      { parent: this, dependsOn: [executionRole] },
    );

    const config = new aws.sagemaker.EndpointConfiguration(
      `${name}-config`,
      { productionVariants: [productionVariant(settings.variant, model.name)], tags },
      { parent: this },
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

    const rollback = settings.deployment?.autoRollback;
    const alarms = rollback
      ? rollbackAlarmSpecs(settings.endpointName, rollback, tags).map(
          (spec) => new aws.cloudwatch.MetricAlarm(`${name}-${spec.id}`, spec.args, { parent: this }),
        )
      : [];

    const endpoint = new aws.sagemaker.Endpoint(
      name,
      {
        name: settings.endpointName,
        endpointConfigName: config.name,
        deploymentConfig: settings.deployment
          ? endpointDeploymentConfig(
              settings.deployment,
              alarms.map((alarm) => alarm.name),
            )
          : undefined,
        tags,
      },
      { parent: this, dependsOn: [tagRead, executionRole] },
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
    this.registerOutputs({
      endpointName: this.endpointName,
      endpointArn: this.endpointArn,
      endpointConfigName: this.endpointConfigName,
      endpointConfigArn: this.endpointConfigArn,
      modelName: this.modelName,
      modelArn: this.modelArn,
    });
  }
}
