/**
 * Execution roles the emulator knows: each role gets its own credentials (a distinct access key id), and
 * a control-plane call signed with that key is judged by the role's policies. Replacing a role's policies
 * drops its cached decisions.
 */
import { createHash } from "node:crypto";
import { IamEvaluationError, validateIdentityPolicies, type IamDecision, type NamedPolicy } from "./evaluate";

/** A role to register. */
export interface RoleSpec {
  /** The role's ARN, `arn:aws:iam::ACCOUNT:role/[path/]NAME` (required). */
  roleArn: string;
  /** Its inline policies (required; may be empty, which denies everything). */
  policies: NamedPolicy[];
  /** The session name in the caller's assumed-role ARN. Default `SageMaker`, the name SageMaker hosting uses. */
  sessionName?: string;
}

/** Temporary credentials for a role, as an SDK client's `credentials` or AWS_* variables take them. */
export interface RoleCredentials {
  /** Access key id (`ASIA...`); the emulator maps it to the role. */
  accessKeyId: string;
  /** Secret access key (the emulator does not check signatures). */
  secretAccessKey: string;
  /** Session token. */
  sessionToken: string;
}

/** A registered role. */
export interface RegisteredRole {
  /** The role's ARN. */
  roleArn: string;
  /** The caller ARN IAM reports: `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`. */
  callerArn: string;
  /** Its credentials. */
  credentials: RoleCredentials;
  /** Its inline policies. */
  policies: NamedPolicy[];
  /** Decisions made with these policies, by request key; a new map whenever the policies change. */
  decisions: Map<string, Promise<IamDecision>>;
}

/** What `GET /_emulator/roles` lists per role. */
export interface RoleSummary {
  /** The role's ARN. */
  roleArn: string;
  /** The caller ARN of its session. */
  callerArn: string;
  /** The access key id that signs as this role. */
  accessKeyId: string;
  /** Its inline policies. */
  policies: NamedPolicy[];
  /** How many distinct decisions are cached. */
  cachedDecisions: number;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/;

function digest(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

/** Checks untrusted policies (admin API input): a list of `{name, document}` with object documents. */
export function parsePolicies(value: unknown): NamedPolicy[] {
  if (!Array.isArray(value)) throw new IamEvaluationError('policies must be a list of {"name": "...", "document": {...}}');
  return value.map((entry: unknown, index) => {
    const { name, document } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || name === "" || typeof document !== "object" || document === null || Array.isArray(document)) {
      throw new IamEvaluationError(`policies[${index}] must be {"name": "<non-empty>", "document": {<policy>}}`);
    }
    return { name, document: document as NamedPolicy["document"] };
  });
}

/** The roles of one emulator. */
export class RoleRegistry {
  private readonly byArn = new Map<string, RegisteredRole>();
  private readonly byKey = new Map<string, RegisteredRole>();

  /**
   * Registers a role (or replaces the policies of one registered before, keeping its credentials) and
   * returns its credentials; rejects with a one-line IamEvaluationError on a bad ARN or policy.
   */
  async register(spec: RoleSpec): Promise<RoleCredentials> {
    const match = ROLE_ARN.exec(spec.roleArn);
    if (match === null) throw new IamEvaluationError(`roleArn must look like arn:aws:iam::123456789012:role/NAME, got ${JSON.stringify(spec.roleArn)}`);
    const known = this.byArn.get(spec.roleArn);
    if (known !== undefined) {
      await this.setPolicies(spec.roleArn, spec.policies);
      return known.credentials;
    }
    await validateIdentityPolicies(spec.policies);
    const hash = digest("role", spec.roleArn);
    const role: RegisteredRole = {
      roleArn: spec.roleArn,
      callerArn: `arn:aws:sts::${match[1]}:assumed-role/${match[2]}/${spec.sessionName ?? "SageMaker"}`,
      credentials: {
        accessKeyId: `ASIA${hash.slice(0, 16).toUpperCase()}`,
        secretAccessKey: digest("secret", spec.roleArn).slice(0, 40),
        sessionToken: `emulator-session-${hash.slice(16, 48)}`,
      },
      policies: spec.policies,
      decisions: new Map(),
    };
    this.byArn.set(role.roleArn, role);
    this.byKey.set(role.credentials.accessKeyId, role);
    return role.credentials;
  }

  /** Replaces a registered role's policies and forgets its cached decisions; rejects when unknown or invalid. */
  async setPolicies(roleArn: string, policies: NamedPolicy[]): Promise<void> {
    const role = this.byArn.get(roleArn);
    if (role === undefined) throw new IamEvaluationError(`no role ${JSON.stringify(roleArn)} is registered with the emulator`);
    await validateIdentityPolicies(policies);
    role.policies = policies;
    role.decisions = new Map();
  }

  /** The role whose credentials carry `accessKeyId`; undefined for any other key (unrestricted callers). */
  byAccessKey(accessKeyId: string): RegisteredRole | undefined {
    return this.byKey.get(accessKeyId);
  }

  /** Every registered role. */
  list(): RoleSummary[] {
    return [...this.byArn.values()].map((role) => ({
      roleArn: role.roleArn,
      callerArn: role.callerArn,
      accessKeyId: role.credentials.accessKeyId,
      policies: role.policies,
      cachedDecisions: role.decisions.size,
    }));
  }
}
