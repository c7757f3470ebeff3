/**
 * What each control-plane call asked for: who (a registered role, or the unrestricted emulator
 * credentials), which IAM action on which resource ARN, and whether it was allowed, with how many
 * times each distinct call came. The IAM tests take the container's real calls from here.
 */

/** The caller of calls signed with credentials that belong to no registered role. */
export const UNRESTRICTED_CALLER = "unrestricted";

/** How the emulator judged a call. */
export type CallDecision = "unrestricted" | "allowed" | "denied";

/** One distinct call (the shape of an entry of `GET /_emulator/calls/log`). */
export interface LoggedCall {
  /** The role ARN of the caller, or `unrestricted`. */
  caller: string;
  /** The IAM action, e.g. `sagemaker:ListTags`. */
  action: string;
  /** The resource ARN the call acted on; absent for actions on no single resource. */
  resourceArn?: string;
  /** How it was judged. */
  decision: CallDecision;
  /** How many such calls came. */
  count: number;
}

/** The most distinct calls kept; later new ones are counted in `dropped` only. */
export const MAX_DISTINCT_CALLS = 10_000;

/** The distinct calls of one emulator. */
export class CallLog {
  private readonly calls = new Map<string, LoggedCall>();
  private droppedCalls = 0;

  /** Records one call. */
  record(call: Omit<LoggedCall, "count">): void {
    const key = JSON.stringify([call.caller, call.action, call.resourceArn, call.decision]);
    const known = this.calls.get(key);
    if (known !== undefined) known.count += 1;
    else if (this.calls.size < MAX_DISTINCT_CALLS) this.calls.set(key, { ...call, count: 1 });
    else this.droppedCalls += 1;
  }

  /** The distinct calls in the order they first came, and how many calls found the log full. */
  snapshot(): { calls: LoggedCall[]; dropped: number } {
    return { calls: [...this.calls.values()].map((call) => ({ ...call })), dropped: this.droppedCalls };
  }

  /** Forgets every call. */
  reset(): void {
    this.calls.clear();
    this.droppedCalls = 0;
  }
}
