/**
 * The shapes of the resource inputs the policies read. The policy runtime hands a policy the inputs as
 * plain JSON (no Outputs), i.e. `Unwrap<Args>` of the resource class; the types come from @pulumi/aws
 * (type-only imports: nothing of the AWS SDK is loaded at run time).
 */
import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";

/** Inputs of `aws.sagemaker.Model`. */
export type ModelInputs = Unwrap<aws.sagemaker.ModelArgs>;
/** Inputs of `aws.iam.Role`. */
export type RoleInputs = Unwrap<aws.iam.RoleArgs>;
/** Inputs of `aws.iam.RolePolicy`. */
export type RolePolicyInputs = Unwrap<aws.iam.RolePolicyArgs>;
/** Inputs of `aws.iam.Policy`. */
export type PolicyInputs = Unwrap<aws.iam.PolicyArgs>;
/** Inputs of `aws.iam.RolePolicyAttachment`. */
export type RolePolicyAttachmentInputs = Unwrap<aws.iam.RolePolicyAttachmentArgs>;
/** Inputs of `aws.iam.PolicyAttachment`. */
export type PolicyAttachmentInputs = Unwrap<aws.iam.PolicyAttachmentArgs>;
/** Inputs of `aws.iam.RolePolicyAttachmentsExclusive`. */
export type RolePolicyAttachmentsExclusiveInputs = Unwrap<aws.iam.RolePolicyAttachmentsExclusiveArgs>;
/** Tags as any taggable resource takes them. */
export type TagInputs = Record<string, string> | undefined;
