/** Policy (b), part 2: SageMaker actions are allowed on named ARNs only, never on wildcard resources. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { requireType } from "./applicability";
import { readPolicyDocument, sageMakerActionsAllowed, statementLabel, wildcardResources } from "./iam-documents";
import type { PolicyInputs, RoleInputs, RolePolicyInputs } from "./resource-inputs";
import { IAM_POLICY, IAM_ROLE, IAM_ROLE_POLICY } from "./resource-types";

/** A policy document of a resource and where it sits, for messages. */
interface LabelledDocument {
    label: string;
    document: unknown;
}

/** The policy documents a resource declares: `policy`, or a role's `inlinePolicies[i].policy`. */
function documentsOf(type: string, props: Record<string, unknown>): LabelledDocument[] {
    if (type === IAM_ROLE) {
        return ((props as RoleInputs).inlinePolicies ?? [])
            .map((p, i) => ({ label: `inlinePolicies[${i}]${p.name ? ` ("${p.name}")` : ""}`, document: p.policy }))
            .filter((d) => d.document !== undefined);
    }
    return [{ label: "policy", document: (props as RolePolicyInputs | PolicyInputs).policy }];
}

/**
 * The one wildcard allowed: every fleet (model or endpoint config) of one endpoint,
 * `arn:<partition>:sagemaker:<region>:<account>:(model|endpoint-config)/<endpoint name>--*`, with a
 * wildcard-free endpoint name. Endpoint names cannot contain `--`, so no other endpoint's fleets match.
 */
const FLEET_PATTERN = /^arn:[a-z-]+:sagemaker:[a-z0-9-]+:\d{12}:(model|endpoint-config)\/[a-z0-9](-?[a-z0-9])*--\*$/;

/**
 * Mandatory: a wildcard resource lets the role describe and read the tags of every endpoint, config and
 * model in the account, which is exactly what least privilege rules out; the program knows the endpoint
 * ARN and its fleets' name pattern (the only wildcard allowed, see {@link FLEET_PATTERN}).
 */
export const noWildcardSageMakerResources: ResourceValidationPolicy = {
    name: "no-wildcard-sagemaker-resources",
    description:
        "IAM policies allow sagemaker: actions on named ARNs and one endpoint's fleet pattern <endpoint>--* only, never on '*' or other wildcard resources.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        requireType(args, [IAM_ROLE, IAM_ROLE_POLICY, IAM_POLICY]);
        for (const { label, document } of documentsOf(args.type, args.props)) {
            const read = readPolicyDocument(document);
            if ("error" in read) {
                reportViolation(`The ${label} document ${read.error}, so its SageMaker permissions cannot be checked.`);
                continue;
            }
            read.statements.forEach((statement, i) => {
                const actions = sageMakerActionsAllowed(statement);
                const resources = actions.length > 0 ? wildcardResources(statement).filter((r) => !FLEET_PATTERN.test(r)) : [];
                if (resources.length > 0) {
                    reportViolation(
                        `The ${label} document's ${statementLabel(statement, i)} allows ${actions.join(", ")} ` +
                            `on ${resources.map((r) => `"${r}"`).join(", ")}. ` +
                            "Name the endpoint ARN and its fleets' pattern <endpoint>--* instead of a wildcard.",
                    );
                }
            });
        }
    },
};
