/**
 * Control-plane throttling as AWS applies it: a token bucket per account and operation. Each call takes
 * a token; an empty bucket answers HTTP 400 `ThrottlingException` "Rate exceeded"; the bucket refills
 * at `ratePerSecond` up to `burst` tokens. Every caller of the account shares the buckets (as every
 * instance of every endpoint in an AWS account shares the account's budget).
 *
 * AWS publishes no per-operation rate for SageMaker's control plane. The defaults are the only
 * per-action token bucket AWS documents for a control plane: EC2's non-mutating (Describe*) actions,
 * a bucket of 100 tokens refilled at 20 per second (docs/emulator.md says more).
 */
import { AwsError } from "./aws-error";

/** A token bucket's shape. */
export interface ThrottleSettings {
  /** Tokens added per second (the sustained call rate allowed per operation). Default 20. */
  ratePerSecond?: number;
  /** Tokens the bucket holds at most (the burst allowed after a quiet spell); starts full. Default 100. */
  burst?: number;
}

/** The defaults (EC2's documented bucket for non-mutating actions). */
export const DEFAULT_THROTTLE: Required<ThrottleSettings> = { ratePerSecond: 20, burst: 100 };

/** The error a throttled call answers with. */
export function throttlingError(): AwsError {
  return new AwsError("ThrottlingException", "Rate exceeded");
}

interface Bucket {
  tokens: number;
  at: number;
}

/** The buckets of one emulator; off until `set` is called with settings. */
export class Throttle {
  private settings: Required<ThrottleSettings> | null = null;
  private readonly buckets = new Map<string, Bucket>();
  private rejected = 0;

  /** @param now the clock, in milliseconds (default `performance.now`). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Turns throttling on with `settings` over the defaults (buckets start full), or off with null. */
  set(settings: ThrottleSettings | null): void {
    this.settings = settings === null ? null : { ...DEFAULT_THROTTLE, ...settings };
    this.buckets.clear();
    this.rejected = 0;
  }

  /** The settings in force; null when off. */
  current(): Required<ThrottleSettings> | null {
    return this.settings === null ? null : { ...this.settings };
  }

  /** Calls refused since throttling was last set. */
  rejectedCalls(): number {
    return this.rejected;
  }

  /** Takes a token for one call of `operation` by `account`; false when the call must be throttled. */
  take(account: string, operation: string): boolean {
    if (this.settings === null) return true;
    const { ratePerSecond, burst } = this.settings;
    const now = this.now();
    const key = `${account}/${operation}`;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      this.rejected += 1;
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }
}

/** Checks untrusted throttle settings (admin API or a caller); throws a one-line Error when bad. */
export function parseThrottleSettings(value: unknown): ThrottleSettings {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("throttle settings must be a JSON object");
  const { ratePerSecond, burst, ...unknown } = value as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) throw new Error(`unknown throttle setting(s): ${extra.join(", ")} (known: ratePerSecond, burst)`);
  if (ratePerSecond !== undefined && !(typeof ratePerSecond === "number" && Number.isFinite(ratePerSecond) && ratePerSecond > 0)) {
    throw new Error(`ratePerSecond must be a number > 0, got ${JSON.stringify(ratePerSecond)}`);
  }
  if (burst !== undefined && !(typeof burst === "number" && Number.isInteger(burst) && burst >= 1)) {
    throw new Error(`burst must be an integer >= 1, got ${JSON.stringify(burst)}`);
  }
  return value as ThrottleSettings;
}
