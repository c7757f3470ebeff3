/** Restricting a resource policy to some resource types, the way `validateResourceOfType` does. */
import type { ResourceValidationArgs } from "@pulumi/policy";

/** Marks the policy not applicable (the runtime's `notApplicable`) unless the resource is one of `types`. */
export function requireType(args: ResourceValidationArgs, types: readonly string[]): void {
    if (!types.includes(args.type)) {
        args.notApplicable(`Policy only applies to resources of type ${types.map((t) => `'${t}'`).join(", ")}`);
    }
}
