import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, endpointLogGroupArn, modelDataObjectArn } from "./arns";
import { METRICS_NAMESPACE } from "./deployment-metrics";
import { ecrPullPolicy, endpointLogsPolicy, metricsPublishPolicy, modelDataReadPolicy, sagemakerTrustPolicy } from "./policy-documents";
import { ModelData, Tags } from "./settings";

/** Arguments of {@link ExecutionRole}. */
export interface ExecutionRoleArgs {
  /** The account, partition and region the stack deploys to (required). */
  environment: pulumi.Input<AwsEnvironment>;
  /** The endpoint name; scopes the CloudWatch Logs permission to its log group (required). */
  endpointName: string;
  /** The ECR repositories the variants' images are pulled from, at least one; duplicates are dropped (required). */
  repositoryArns: pulumi.Input<string>[];
  /**
   * The variants' model archives to grant read access to, exactly those objects; duplicates are dropped
   * (default: none, no S3 permission at all).
   */
  modelData?: pulumi.Input<ModelData>[];
  /** Tags of the role (required). */
  tags: Tags;
}

/**
 * The role SageMaker assumes for the model: trusted by `sagemaker.amazonaws.com` for this account only, with
 * least-privilege inline policies (ECR pull on the variants' repositories, logs on one log group, S3 read on
 * the variants' model archive objects)
 * and no managed policy. The tag-read policy is attached by the endpoint, which knows the ARNs.
 */
export class ExecutionRole extends pulumi.ComponentResource {
  /** The IAM role. */
  readonly role: aws.iam.Role;
  /** The role's ARN. */
  readonly roleArn: pulumi.Output<string>;
  /** The role's name, for attaching further inline policies. */
  readonly roleName: pulumi.Output<string>;

  constructor(name: string, args: ExecutionRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tagged-endpoint:iam:ExecutionRole", name, {}, opts);
    const environment = pulumi.output(args.environment);
    this.role = new aws.iam.Role(
      name,
      {
        description: `SageMaker execution role of endpoint ${args.endpointName}`,
        assumeRolePolicy: environment.apply((env) => JSON.stringify(sagemakerTrustPolicy(env.accountId))),
        tags: args.tags,
      },
      { parent: this },
    );
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;

    const attach = (suffix: string, policy: pulumi.Input<string>) =>
      new aws.iam.RolePolicy(`${name}-${suffix}`, { role: this.role.name, policy }, { parent: this });
    attach("ecr-pull", pulumi.all(args.repositoryArns).apply((arns) => JSON.stringify(ecrPullPolicy(distinct(arns)))));
    attach(
      "logs",
      environment.apply((env) => JSON.stringify(endpointLogsPolicy(endpointLogGroupArn(env, args.endpointName)))),
    );
    attach("metrics", JSON.stringify(metricsPublishPolicy(METRICS_NAMESPACE)));
    const modelData = args.modelData ?? [];
    if (modelData.length > 0) {
      attach(
        "model-data",
        pulumi
          .all([environment, pulumi.all(modelData)])
          .apply(([env, data]) => JSON.stringify(modelDataReadPolicy(distinct(data.map((item) => modelDataObjectArn(env.partition, item)))))),
      );
    }

    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
  }
}

/** The values in order of first appearance, each once. */
function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
