/**
 * Authorising one call (control plane or CloudWatch): judged by the caller's role when its access key
 * belongs to a registered role, logged with its action, resource and decision; AWS's
 * AccessDeniedException when the role's policies do not allow it.
 */
import type { IncomingMessage } from "node:http";
import { UNRESTRICTED_CALLER, type CallLog } from "../call-log";
import { accessDeniedError } from "./access-denied";
import type { RoleEnforcer } from "./enforcer";

/** What authorising needs. */
export interface AuthorizeDeps {
  /** Judges calls signed with a registered role's credentials. */
  iam: RoleEnforcer;
  /** The distinct calls, with caller, action, resource and decision. */
  log: CallLog;
}

/** One call to authorise. */
export interface CallToAuthorize {
  /** The access key id the request was signed with. */
  accessKeyId: string;
  /** The IAM action, e.g. `cloudwatch:PutMetricData`. */
  action: string;
  /** The resource ARN; undefined for actions on no single resource. */
  resourceArn: string | undefined;
  /** The request's condition keys (e.g. `cloudwatch:namespace`), built only for a role's call. */
  context: () => Record<string, string>;
}

/** Returns the role session's caller ARN, or undefined for an unrestricted caller; throws when denied. */
export async function authorize(deps: AuthorizeDeps, call: CallToAuthorize): Promise<string | undefined> {
  const { action, resourceArn } = call;
  const verdict = await deps.iam.judge(call);
  if (!verdict.restricted) {
    deps.log.record({ caller: UNRESTRICTED_CALLER, action, resourceArn, decision: "unrestricted" });
    return undefined;
  }
  const { role, decision } = verdict;
  deps.log.record({ caller: role.roleArn, action, resourceArn, decision: decision.allowed ? "allowed" : "denied" });
  if (!decision.allowed) throw accessDeniedError({ action, callerArn: role.callerArn, resourceArn, explicit: decision.outcome === "explicit-deny" });
  return role.callerArn;
}

/** The access key id of the request's SigV4 signature, used as the caller's session name. */
export function accessKeyId(req: IncomingMessage): string {
  return /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "anonymous";
}
