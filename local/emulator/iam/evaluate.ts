/**
 * The one place that asks an IAM policy evaluator for a decision: `@cloud-copilot/iam-simulate`
 * (AGPL-3.0-or-later, a devDependency used by the tests and by the emulator in local mode only; nothing
 * of it is bundled into the container image). It evaluates identity policies, resource policies (role
 * trust policies included) and condition keys as AWS's policy evaluation logic does. What it is not
 * given here: SCPs, RCPs, permission boundaries, session policies (see docs/iam.md).
 */
import { getDenialReasons, getGrantReasons, runSimulation, type RequestAnalysis } from "@cloud-copilot/iam-simulate";

/** An IAM policy document (parsed JSON), as the program writes it. */
export type PolicyJson = Record<string, unknown>;

/** A named inline policy of an identity. */
export interface NamedPolicy {
  /** The policy's name (RolePolicy name, or any label); names the policy in reasons. */
  name: string;
  /** The policy document. */
  document: PolicyJson;
}

/** One request to decide. */
export interface IamRequest {
  /**
   * Who calls: an IAM/STS ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`) or a service principal
   * (`sagemaker.amazonaws.com`, for trust policies).
   */
  principal: string;
  /** The IAM action, e.g. `sagemaker:ListTags`. */
  action: string;
  /** The resource ARN, or `*` for actions without resource-level scope. */
  resource: string;
  /** Request context keys, e.g. `{"aws:SourceAccount": "123456789012"}` or `aws:ResourceTag/Team`. Default none. */
  context?: Record<string, string | string[]>;
}

/** The policies that judge a request. */
export interface IamPolicies {
  /** The caller's identity-based policies (the role's inline policies). Default none. */
  identity?: NamedPolicy[];
  /** The resource's policy (a role's trust policy for `sts:AssumeRole`). Default none. */
  resource?: PolicyJson;
}

/** How a decision came about. */
export type IamOutcome = "allowed" | "explicit-deny" | "implicit-deny";

/** The evaluator's answer. */
export interface IamDecision {
  /** True when the request is allowed. */
  allowed: boolean;
  /** Allowed, denied by a Deny statement, or denied because nothing allows it. */
  outcome: IamOutcome;
  /**
   * Which policy decided, in words: `allowed by identity policy P (statement S)`, `explicit deny in
   * identity policy P (statement S)`, or `no identity-based policy allows the ACTION action` (also
   * `resource-based` when a resource policy is what fails to allow).
   */
  reason: string;
}

/** The condition keys IAM gives a SageMaker resource with these tags (`aws:ResourceTag/K`, `sagemaker:ResourceTag/K`). */
export function resourceTagContext(tags: Iterable<[string, string]>): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [key, value] of tags) {
    context[`aws:ResourceTag/${key}`] = value;
    context[`sagemaker:ResourceTag/${key}`] = value;
  }
  return context;
}

/** A request the evaluator cannot judge (a malformed policy, an unknown action, an ARN of the wrong type). */
export class IamEvaluationError extends Error {}

/** The account id in an ARN (`arn:partition:service:region:ACCOUNT:...`); empty for `*` and S3 ARNs. */
function accountOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

/** Evaluates `request` against `policies` the way IAM does (identity and resource policies only). */
export async function evaluate(request: IamRequest, policies: IamPolicies): Promise<IamDecision> {
  const identity = policies.identity ?? [];
  const callerAccount = accountOf(request.principal);
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: accountOf(request.resource) || callerAccount },
        contextVariables: request.context ?? {},
      },
      identityPolicies: identity.map((policy) => ({ name: policy.name, policy: policy.document })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(policies.resource === undefined ? {} : { resourcePolicy: policies.resource }),
    },
    {},
  );
  if (result.resultType === "error") throw new IamEvaluationError(`cannot evaluate ${request.action} on ${request.resource}: ${result.errors.message}`);
  const analysis = result.resultType === "single" ? result.result.analysis : result.results[0]?.analysis;
  if (analysis === undefined) throw new IamEvaluationError(`cannot evaluate ${request.action} on ${request.resource}: no analysis`);
  return decisionOf(request.action, result.overallResult, analysis);
}

function decisionOf(action: string, overall: string, analysis: RequestAnalysis): IamDecision {
  if (overall === "Allowed") {
    const grant = getGrantReasons(analysis)[0];
    const policy = grant === undefined ? "a policy" : grant.policyType === "resource" ? "the resource policy" : `${grant.policyType} policy ${grant.policyIdentifier}`;
    const statement = grant?.statementId ?? (grant === undefined ? undefined : `#${grant.statementIndex}`);
    return { allowed: true, outcome: "allowed", reason: `allowed by ${policy}${statement === undefined ? "" : ` (statement ${statement})`}` };
  }
  const denials = getDenialReasons(analysis);
  const explicit = denials.find((denial) => denial.denialType === "Explicit");
  if (explicit !== undefined && explicit.denialType === "Explicit") {
    const kind = explicit.policyType === "identity" ? "identity-based" : explicit.policyType === "resource" ? "resource-based" : explicit.policyType;
    const statement = explicit.statementId ?? `#${explicit.statementIndex}`;
    const policy = explicit.policyIdentifier === undefined ? "" : ` ${explicit.policyIdentifier}`;
    return { allowed: false, outcome: "explicit-deny", reason: `explicit deny in ${kind} policy${policy} (statement ${statement})` };
  }
  const kind = denials.some((denial) => denial.policyType === "identity") || denials.length === 0 ? "identity-based" : "resource-based";
  return { allowed: false, outcome: "implicit-deny", reason: `no ${kind} policy allows the ${action} action` };
}

/**
 * Checks that `policies` are valid identity policies (the evaluator's own validation); throws an
 * IamEvaluationError naming the first bad policy.
 */
export async function validateIdentityPolicies(policies: NamedPolicy[]): Promise<void> {
  const result = await runSimulation(
    {
      request: { principal: "arn:aws:iam::000000000000:role/validation", action: "sts:GetCallerIdentity", resource: { resource: "*", accountId: "000000000000" }, contextVariables: {} },
      identityPolicies: policies.map((policy) => ({ name: policy.name, policy: policy.document })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType !== "error") return;
  const byPolicy = result.errors.identityPolicyErrors ?? {};
  const [name, errors] = Object.entries(byPolicy)[0] ?? [];
  const detail = errors?.[0] === undefined ? result.errors.message : `${errors[0].message} at ${errors[0].path}`;
  throw new IamEvaluationError(name === undefined ? `invalid policies: ${detail}` : `policy ${JSON.stringify(name)} is not a valid IAM policy: ${detail}`);
}
