/** Policy (a): the tag keys named in the pack's config on every SageMaker resource and execution role. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { requireType } from "./applicability";
import { trustsService } from "./iam-documents";
import type { RoleInputs, TagInputs } from "./resource-inputs";
import { IAM_ROLE, SAGEMAKER_ENDPOINT, SAGEMAKER_ENDPOINT_CONFIGURATION, SAGEMAKER_MODEL } from "./resource-types";

/** The tag keys required when the pack's config does not name any. */
export const DEFAULT_REQUIRED_TAG_KEYS: readonly string[] = ["ModelVersion", "DeploymentStage", "CreatedBy"];

/** The config of the `sagemaker-required-tags` policy. */
export interface RequiredTagsConfig {
    /** Tag keys every checked resource must carry (case-sensitive, as AWS). Default: `DEFAULT_REQUIRED_TAG_KEYS`. */
    requiredTagKeys?: string[];
}

const SAGEMAKER_SERVICE_PRINCIPAL = "sagemaker.amazonaws.com";

/**
 * Mandatory: the deployment metadata the container returns and cost reports group by lives in these
 * tags, so a resource without them is a broken deployment, not a style issue. Only the keys are checked
 * (a value may be unknown until the update runs).
 */
export const requiredTags: ResourceValidationPolicy = {
    name: "sagemaker-required-tags",
    description:
        "SageMaker Models, EndpointConfigurations, Endpoints and their execution roles carry the required tag keys.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredTagKeys: {
                type: "array",
                items: { type: "string", minLength: 1, maxLength: 128 },
                uniqueItems: true,
                default: [...DEFAULT_REQUIRED_TAG_KEYS],
                description: "Tag keys every SageMaker resource and execution role must carry.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        requireType(args, [SAGEMAKER_MODEL, SAGEMAKER_ENDPOINT_CONFIGURATION, SAGEMAKER_ENDPOINT, IAM_ROLE]);
        if (args.type === IAM_ROLE && !trustsService((args.props as RoleInputs).assumeRolePolicy, SAGEMAKER_SERVICE_PRINCIPAL)) {
            args.notApplicable(`Policy only applies to roles trusted by ${SAGEMAKER_SERVICE_PRINCIPAL}`);
        }
        const required = args.getConfig<RequiredTagsConfig>().requiredTagKeys ?? DEFAULT_REQUIRED_TAG_KEYS;
        const tags = (args.props as { tags?: TagInputs }).tags ?? {};
        const missing = required.filter((key) => !Object.keys(tags).includes(key));
        if (missing.length > 0) {
            reportViolation(
                `Missing required tag key(s): ${missing.join(", ")}. Add them to the stack's "tags" config ` +
                    `(the required keys are the policy pack's "requiredTagKeys").`,
            );
        }
    },
};
