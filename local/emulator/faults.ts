/**
 * Fault injection for tests: latency added to control-plane calls and errors answered instead of them,
 * for all operations or a chosen few, until cleared or for a number of calls.
 *  - `throttling`: HTTP 400 `ThrottlingException` "Rate exceeded" (the AWS SDK retries it).
 *  - `accessDenied`: HTTP 400 `AccessDeniedException` with IAM's message naming the action and resource.
 *  - `serverError`: HTTP 500 `InternalFailure` (the AWS SDK retries it).
 */
import { AwsError } from "./aws-error";
import { accessDeniedError } from "./iam/access-denied";

/** The kinds of error a fault can answer with. */
export const FAULT_ERRORS = ["throttling", "accessDenied", "serverError"] as const;

/** An error kind a fault can answer with. */
export type FaultError = (typeof FAULT_ERRORS)[number];

/** What to inject; `{}` injects nothing (clears). */
export interface FaultSettings {
  /** Milliseconds added before answering each affected call. Default 0. */
  latencyMs?: number;
  /** Error answered instead of the result. Default: none (latency only). */
  error?: FaultError;
  /** Operation names affected, e.g. `["ListTags"]`. Default: every control-plane operation. */
  operations?: string[];
  /** How many calls are affected before the faults clear themselves. Default: until cleared. */
  count?: number;
}

/** The fault one call gets. */
export interface CallFault {
  /** Latency to add, ms. */
  latencyMs: number;
  /** Error to answer with, if any. */
  error?: FaultError;
}

/** The current fault settings of one emulator. */
export class Faults {
  private settings: FaultSettings = {};
  private remaining = Infinity;

  /** Replaces the settings (validated by `parseFaultSettings`); `{}` clears them. */
  set(settings: FaultSettings): void {
    this.settings = { ...settings };
    this.remaining = settings.count ?? Infinity;
  }

  /** The settings in force, with `count` being the calls still to be affected. */
  current(): FaultSettings {
    return this.remaining === Infinity ? { ...this.settings } : { ...this.settings, count: this.remaining };
  }

  /** The fault for one call of `operation`, counting it against `count`; undefined when none applies. */
  take(operation: string): CallFault | undefined {
    const { latencyMs = 0, error, operations } = this.settings;
    if ((latencyMs === 0 && error === undefined) || this.remaining <= 0) return undefined;
    if (operations !== undefined && !operations.includes(operation)) return undefined;
    this.remaining -= 1;
    if (this.remaining <= 0) this.set({});
    return { latencyMs, error };
  }
}

/** Checks untrusted fault settings (from the admin API or a caller); throws a one-line Error when bad. */
export function parseFaultSettings(value: unknown, knownOperations: string[]): FaultSettings {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("fault settings must be a JSON object");
  const { latencyMs, error, operations, count, ...unknown } = value as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) throw new Error(`unknown fault setting(s): ${extra.join(", ")} (known: latencyMs, error, operations, count)`);
  if (latencyMs !== undefined && !(typeof latencyMs === "number" && Number.isFinite(latencyMs) && latencyMs >= 0)) {
    throw new Error(`latencyMs must be a number >= 0, got ${JSON.stringify(latencyMs)}`);
  }
  if (error !== undefined && !FAULT_ERRORS.includes(error as FaultError)) {
    throw new Error(`error must be one of ${FAULT_ERRORS.join(", ")}, got ${JSON.stringify(error)}`);
  }
  if (count !== undefined && !(typeof count === "number" && Number.isInteger(count) && count > 0)) {
    throw new Error(`count must be a positive integer, got ${JSON.stringify(count)}`);
  }
  if (operations !== undefined) {
    if (!Array.isArray(operations) || operations.some((op) => typeof op !== "string")) {
      throw new Error("operations must be a list of operation names");
    }
    const unknownOps = operations.filter((op) => !knownOperations.includes(op as string));
    if (unknownOps.length > 0) throw new Error(`unknown operation(s): ${unknownOps.join(", ")} (known: ${knownOperations.join(", ")})`);
  }
  return value as FaultSettings;
}

/** The call a fault hits (what an AccessDenied fault names). */
export interface FaultedCall {
  /** The operation, e.g. `ListTags`. */
  operation: string;
  /** ARN of the caller, e.g. `arn:aws:sts::123456789012:assumed-role/role/session`. */
  callerArn: string;
  /** ARN of the resource acted on; undefined for operations on no single resource. */
  resourceArn?: string;
}

/** The AWS error a fault answers with. */
export function faultError(kind: FaultError, call: FaultedCall): AwsError {
  switch (kind) {
    case "throttling":
      return new AwsError("ThrottlingException", "Rate exceeded");
    case "serverError":
      return new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500);
    case "accessDenied":
      return accessDeniedError({ action: `sagemaker:${call.operation}`, callerArn: call.callerArn, resourceArn: call.resourceArn });
  }
}
