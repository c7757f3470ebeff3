/**
 * Pulumi type tokens of the resources the policies inspect, as registered by @pulumi/aws 7
 * (`static __pulumiType` of each resource class). Policies match on these strings so that the pack does
 * not load the AWS SDK at run time.
 */

/** `aws.sagemaker.Model`. */
export const SAGEMAKER_MODEL = "aws:sagemaker/model:Model";
/** `aws.sagemaker.EndpointConfiguration`. */
export const SAGEMAKER_ENDPOINT_CONFIGURATION = "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
/** `aws.sagemaker.Endpoint`. */
export const SAGEMAKER_ENDPOINT = "aws:sagemaker/endpoint:Endpoint";
/** `aws.iam.Role`. */
export const IAM_ROLE = "aws:iam/role:Role";
/** `aws.iam.RolePolicy` (an inline policy of one role). */
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
/** `aws.iam.Policy` (a customer-managed policy). */
export const IAM_POLICY = "aws:iam/policy:Policy";
/** `aws.iam.RolePolicyAttachment`. */
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
/** `aws.iam.PolicyAttachment` (one policy to users, groups and roles). */
export const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
/** `aws.iam.RolePolicyAttachmentsExclusive` (the complete list of a role's managed policies). */
export const IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE =
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";
