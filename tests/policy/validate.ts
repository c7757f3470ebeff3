/**
 * Runs one resource policy against one resource the way the @pulumi/policy runtime does: the same
 * `ResourceValidationArgs` (type, props as plain JSON, urn, name, options, getConfig, notApplicable that
 * throws) and every `validateResource` function in order, collecting `reportViolation` messages.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

/** A resource as the runtime presents it to a policy. */
export interface PolicyResource {
    /** Pulumi type token, e.g. `aws:sagemaker/model:Model`. */
    type: string;
    /** Resource name. Default: `resource`. */
    name?: string;
    /** The resource's inputs, as plain JSON. */
    props: Record<string, unknown>;
}

/** What a policy said about a resource. */
export interface PolicyOutcome {
    /** The messages passed to `reportViolation`, in order. */
    violations: string[];
    /** The reason given to `notApplicable`, when the policy declared itself not applicable. */
    notApplicable?: string;
}

class NotApplicable extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "not applicable");
    }
}

/** Validates `resource` with `policy`; `config` is what `args.getConfig()` returns (default `{}`). */
export async function validate(
    policy: ResourceValidationPolicy,
    resource: PolicyResource,
    config: object = {},
): Promise<PolicyOutcome> {
    const name = resource.name ?? "resource";
    const isType = (resourceClass: unknown): boolean =>
        (resourceClass as { __pulumiType?: unknown }).__pulumiType === resource.type;
    const args: ResourceValidationArgs = {
        type: resource.type,
        props: resource.props,
        urn: `urn:pulumi:dev::tagged-endpoint::${resource.type}::${name}`,
        name,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        stackTags: new Map<string, string>(),
        isType,
        asType: ((resourceClass: unknown) => (isType(resourceClass) ? resource.props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
    const violations: string[] = [];
    const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
    try {
        for (const validation of validations) {
            await validation(args, (message) => violations.push(message));
        }
    } catch (e) {
        if (e instanceof NotApplicable) {
            return { violations, notApplicable: e.reason };
        }
        throw e;
    }
    return { violations };
}
