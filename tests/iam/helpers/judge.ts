/** Judging requests as the execution role of a program run, with the evaluator the emulator uses. */
import { evaluate, resourceTagContext, type IamDecision } from "../../../local/emulator/iam/evaluate";
import type { DeclaredRole } from "../../../local/execution-role";

/** The session ARN SageMaker's hosting calls run as: `arn:aws:sts::ACCOUNT:assumed-role/NAME/SageMaker`. */
export function sessionArn(role: DeclaredRole): string {
  const account = role.roleArn.split(":")[4];
  return `arn:aws:sts::${account}:assumed-role/${role.roleName}/SageMaker`;
}

/** The condition keys IAM gives a SageMaker resource with these tags. */
export function tagContext(tags: Record<string, string> | undefined): Record<string, string> {
  return resourceTagContext(Object.entries(tags ?? {}));
}

/** The decision on `action` on `resource` by the role's own (inline, identity-based) policies. */
export function judgeAs(role: DeclaredRole, action: string, resource: string, context: Record<string, string> = {}): Promise<IamDecision> {
  return evaluate({ principal: sessionArn(role), action, resource, context }, { identity: role.policies });
}

/** A readable line for an assertion message. */
export function describe(action: string, resource: string, decision: IamDecision): string {
  return `${action} on ${resource}: ${decision.outcome} (${decision.reason})`;
}
