import { FLEET_SEPARATOR } from "./fleet-identity";
import { ModelData, PrebuiltImage } from "./settings";

/** Where the stack deploys: the AWS account, partition and region (from the provider's identity). */
export interface AwsEnvironment {
  /** The 12-digit account id. */
  accountId: string;
  /** The partition, `aws` in commercial regions. */
  partition: string;
  /** The region, for example `us-east-1`. */
  region: string;
}

/**
 * The ARN of the SageMaker endpoint with this name. SageMaker lower-cases the name in endpoint ARNs, and the
 * ARN is needed before the endpoint exists (the endpoint depends on the policy that names it).
 */
export function endpointArn(env: AwsEnvironment, endpointName: string): string {
  return `arn:${env.partition}:sagemaker:${env.region}:${env.accountId}:endpoint/${endpointName.toLowerCase()}`;
}

/**
 * The ARN pattern of every fleet's model or endpoint config of endpoint `endpointName`:
 * `...:<type>/<lower-cased endpoint name>--*` (see `fleet-identity.ts` for why no other endpoint's names match).
 */
export function fleetArnPattern(env: AwsEnvironment, type: "model" | "endpoint-config", endpointName: string): string {
  return `arn:${env.partition}:sagemaker:${env.region}:${env.accountId}:${type}/${endpointName.toLowerCase()}${FLEET_SEPARATOR}*`;
}

/** The ARN of the CloudWatch log group SageMaker writes the endpoint's container logs to. */
export function endpointLogGroupArn(env: AwsEnvironment, endpointName: string): string {
  return `arn:${env.partition}:logs:${env.region}:${env.accountId}:log-group:/aws/sagemaker/Endpoints/${endpointName}`;
}

/** The ARN of the CloudWatch metric alarm with this name (`arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>`). */
export function alarmArn(env: AwsEnvironment, alarmName: string): string {
  return `arn:${env.partition}:cloudwatch:${env.region}:${env.accountId}:alarm:${alarmName}`;
}

/** The ARN of the ECR repository that holds a prebuilt image. */
export function prebuiltRepositoryArn(partition: string, image: PrebuiltImage): string {
  return `arn:${partition}:ecr:${image.region}:${image.accountId}:repository/${image.repositoryName}`;
}

/** The ARN of the S3 object that holds the model archive. */
export function modelDataObjectArn(partition: string, modelData: ModelData): string {
  return `arn:${partition}:s3:::${modelData.bucket}/${modelData.key}`;
}
