/** Policy (b), part 1: no AmazonSageMakerFullAccess, however it is attached. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { requireType } from "./applicability";
import type {
    PolicyAttachmentInputs,
    RoleInputs,
    RolePolicyAttachmentInputs,
    RolePolicyAttachmentsExclusiveInputs,
} from "./resource-inputs";
import {
    IAM_POLICY_ATTACHMENT,
    IAM_ROLE,
    IAM_ROLE_POLICY_ATTACHMENT,
    IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
} from "./resource-types";

/** The AWS-managed policy, in any partition (`arn:aws:`, `arn:aws-cn:`, `arn:aws-us-gov:` ...). */
const FULL_ACCESS_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(?:[^/]+\/)*AmazonSageMakerFullAccess$/;

/** The managed policy ARNs a resource attaches, by resource type. */
function attachedPolicyArns(type: string, props: Record<string, unknown>): string[] {
    switch (type) {
        case IAM_ROLE:
            return (props as RoleInputs).managedPolicyArns ?? [];
        case IAM_ROLE_POLICY_ATTACHMENT:
            return [(props as RolePolicyAttachmentInputs).policyArn];
        case IAM_POLICY_ATTACHMENT:
            return [(props as PolicyAttachmentInputs).policyArn];
        default:
            return (props as RolePolicyAttachmentsExclusiveInputs).policyArns ?? [];
    }
}

/**
 * Mandatory: AmazonSageMakerFullAccess grants every SageMaker action on every resource (and more); the
 * execution role needs four read actions on three ARNs. There is no legitimate use in this stack.
 */
export const noSageMakerFullAccess: ResourceValidationPolicy = {
    name: "no-sagemaker-full-access",
    description: "No role gets the AWS-managed AmazonSageMakerFullAccess policy (attachments or managedPolicyArns).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        requireType(args, [IAM_ROLE, IAM_ROLE_POLICY_ATTACHMENT, IAM_POLICY_ATTACHMENT, IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE]);
        for (const arn of attachedPolicyArns(args.type, args.props)) {
            if (typeof arn === "string" && FULL_ACCESS_ARN.test(arn)) {
                reportViolation(
                    `Attaches ${arn}, which allows every SageMaker action on every resource. ` +
                        "Grant the execution role least-privilege inline policies instead.",
                );
            }
        }
    },
};
