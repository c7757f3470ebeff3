/**
 * Judges control-plane calls signed with a registered role's credentials by that role's policies (the
 * same evaluator the IAM tests use), caching each decision per role + action + resource + context
 * until the role's policies change. Calls with any other credentials are not restricted.
 */
import { evaluate, IamEvaluationError, type IamDecision } from "./evaluate";
import type { RegisteredRole, RoleRegistry } from "./roles";

/** One call to judge. */
export interface CallToJudge {
  /** The access key id the request was signed with. */
  accessKeyId: string;
  /** The IAM action, e.g. `sagemaker:ListTags`. */
  action: string;
  /** The resource ARN; undefined for actions on no single resource (judged on `*`). */
  resourceArn: string | undefined;
  /** The request context keys (the resource's tags as `aws:ResourceTag/KEY`, ...), built only for a role's call. Default none. */
  context?: () => Record<string, string>;
}

/** The verdict on one call. */
export type Verdict =
  | {
      /** The caller is no registered role: nothing restricts it. */
      restricted: false;
    }
  | {
      /** The caller is a registered role. */
      restricted: true;
      /** The role. */
      role: RegisteredRole;
      /** The evaluator's decision. */
      decision: IamDecision;
    };

/** How much time judging took (the evaluator's cost per call, as `GET /_emulator/roles` reports it). */
export interface EnforcementStats {
  /** Calls decided by running the evaluator (cache misses). */
  evaluations: number;
  /** Their total time, ms. */
  evaluationMs: number;
  /** Calls answered from the cache. */
  cacheHits: number;
  /** Their total time, ms. */
  cacheHitMs: number;
}

/** Judges calls for the roles of one registry. */
export class RoleEnforcer {
  private readonly counters: EnforcementStats = { evaluations: 0, evaluationMs: 0, cacheHits: 0, cacheHitMs: 0 };

  constructor(private readonly roles: RoleRegistry) {}

  /** The verdict on `call`; never rejects (a request the evaluator cannot judge is denied, as nothing allows it). */
  async judge(call: CallToJudge): Promise<Verdict> {
    const role = this.roles.byAccessKey(call.accessKeyId);
    if (role === undefined) return { restricted: false };
    const started = performance.now();
    const resource = call.resourceArn ?? "*";
    const context = call.context?.() ?? {};
    const key = JSON.stringify([call.action, resource, Object.entries(context).sort()]);
    const cached = role.decisions.get(key);
    const decisions = role.decisions;
    const pending = cached ?? this.decide(role, call.action, resource, context);
    if (cached === undefined) decisions.set(key, pending);
    const decision = await pending;
    const elapsed = performance.now() - started;
    if (cached === undefined) {
      this.counters.evaluations += 1;
      this.counters.evaluationMs += elapsed;
    } else {
      this.counters.cacheHits += 1;
      this.counters.cacheHitMs += elapsed;
    }
    return { restricted: true, role, decision };
  }

  /** The time spent judging so far. */
  stats(): EnforcementStats {
    return { ...this.counters };
  }

  private async decide(role: RegisteredRole, action: string, resource: string, context: Record<string, string>): Promise<IamDecision> {
    try {
      return await evaluate({ principal: role.callerArn, action, resource, context }, { identity: role.policies });
    } catch (error) {
      const reason = error instanceof IamEvaluationError ? error.message : `the evaluator failed: ${String(error)}`;
      return { allowed: false, outcome: "implicit-deny", reason };
    }
  }
}
