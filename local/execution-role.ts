/**
 * The execution role as a program run declared it: the role's ARN, its trust policy and its inline
 * policies (every RolePolicy attached to it), with the documents parsed. Local mode registers it with
 * the emulator; the IAM tests judge the same documents.
 */
import type { NamedPolicy, PolicyJson } from "./emulator/iam/evaluate";
import type { ProgramRun, RecordedResource } from "./program-runner";

/** Pulumi type tokens of the IAM resources read here. */
export const IAM_TYPES = { role: "aws:iam/role:Role", rolePolicy: "aws:iam/rolePolicy:RolePolicy" } as const;

/** The execution role of one run. */
export interface DeclaredRole {
  /** The role's ARN (from the resource's state). */
  roleArn: string;
  /** The role's name. */
  roleName: string;
  /** Its trust policy (`assumeRolePolicy`). */
  trustPolicy: PolicyJson;
  /** Its inline policies, named by their Pulumi logical names. */
  policies: NamedPolicy[];
}

function text(resource: RecordedResource, key: string, from: "inputs" | "state"): string {
  const value = resource[from][key];
  if (typeof value !== "string") throw new Error(`${resource.type} ${resource.name} has no ${from}.${key} string`);
  return value;
}

/** The one IAM role of `run` and the inline policies attached to it; throws when there is not exactly one role. */
export function declaredRole(run: ProgramRun): DeclaredRole {
  const roles = run.resources.filter((resource) => resource.type === IAM_TYPES.role);
  if (roles.length !== 1) throw new Error(`expected one ${IAM_TYPES.role} in the program run, found ${roles.length}`);
  const [role] = roles;
  const roleName = text(role, "name", "state");
  const policies = run.resources
    .filter((resource) => resource.type === IAM_TYPES.rolePolicy && resource.inputs.role === roleName)
    .map((policy) => ({ name: policy.name, document: JSON.parse(text(policy, "policy", "inputs")) as PolicyJson }));
  return {
    roleArn: text(role, "arn", "state"),
    roleName,
    trustPolicy: JSON.parse(text(role, "assumeRolePolicy", "inputs")) as PolicyJson,
    policies,
  };
}
