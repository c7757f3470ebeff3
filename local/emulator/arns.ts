/**
 * ARNs as SageMaker forms them. SageMaker lower-cases the resource name in the ARN of models, endpoint
 * configurations and endpoints, whatever the case of the name the caller chose.
 */

/** The SageMaker resource types the emulator holds, by the type segment of their ARN. */
export type ResourceType = "model" | "endpoint-config" | "endpoint";

/** What a resource type is called in AWS's error messages ("Could not find endpoint configuration ..."). */
export const RESOURCE_NOUNS: Record<ResourceType, string> = {
  model: "model",
  "endpoint-config": "endpoint configuration",
  endpoint: "endpoint",
};

/** The account and region every ARN is formed in. */
export interface ArnScope {
  /** AWS region, e.g. `us-east-1`. */
  region: string;
  /** 12-digit AWS account id. */
  accountId: string;
}

/** `arn:aws:sagemaker:<region>:<account>:<type>/<lower-cased name>`. */
export function resourceArn(scope: ArnScope, type: ResourceType, name: string): string {
  return `arn:aws:sagemaker:${scope.region}:${scope.accountId}:${type}/${name.toLowerCase()}`;
}

/** The pattern AWS's model gives for a SageMaker `ResourceArn` member (ListTags, AddTags, DeleteTags). */
export const SAGEMAKER_ARN_PATTERN = "arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+";
