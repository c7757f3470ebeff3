/**
 * In-memory aggregates of one publication interval, per dimension set: counters, the latency
 * distribution (values rounded to 2 significant digits, so a minute of traffic has at most a few hundred
 * distinct values) and payload sizes. Recording is a few map and number updates; nothing here does I/O.
 * At most `MAX_DIMENSION_SETS` sets per interval: invocations of further sets are dropped and counted.
 */
import type { DimensionSet } from "../deployment-context";
import type { TagStatus } from "../tags/tag-provider";

/** Distinct dimension sets kept per interval (a process sees a new set only when its tags change). */
export const MAX_DIMENSION_SETS = 16;

/** Sum, count, minimum and maximum of some values (CloudWatch's StatisticSet). */
export interface Summary {
  /** How many values. */
  count: number;
  /** Their sum. */
  sum: number;
  /** The smallest. */
  min: number;
  /** The largest. */
  max: number;
}

/** What one dimension set accumulated in an interval. */
export interface SetAggregate {
  /** The dimension set. */
  readonly set: DimensionSet;
  /** Invocations answered (any status). */
  invocations: number;
  /** Answered with a 4xx status. */
  errors4xx: number;
  /** Answered with a 5xx status. */
  errors5xx: number;
  /** Latency in milliseconds (2 significant digits) -> how many invocations took it. */
  readonly latencyMs: Map<number, number>;
  /** Request body sizes in bytes. */
  readonly requestBytes: Summary;
  /** Response body sizes in bytes. */
  readonly responseBytes: Summary;
  /** Invocations by the tag status they saw. */
  readonly tagStatus: Record<TagStatus, number>;
  /** Control-plane requests (each attempt) made by the tag reader. */
  controlPlaneCalls: number;
  /** Those that failed (error response or no response). */
  controlPlaneErrors: number;
}

/** One answered invocation. */
export interface InvocationSample {
  /** The HTTP status answered. */
  readonly status: number;
  /** Milliseconds from the request to the answer. */
  readonly latencyMs: number;
  /** Request body bytes. */
  readonly requestBytes: number;
  /** Response body bytes. */
  readonly responseBytes: number;
  /** The tag status the invocation saw. */
  readonly tagStatus: TagStatus;
}

/** The aggregates of one interval. */
export class IntervalAggregate {
  private readonly sets = new Map<string, SetAggregate>();
  /** Samples dropped because `MAX_DIMENSION_SETS` sets were already in this interval. */
  droppedSamples = 0;

  /** Adds one invocation to `set`. */
  recordInvocation(set: DimensionSet, sample: InvocationSample): void {
    const aggregate = this.forSet(set);
    if (aggregate === undefined) return;
    aggregate.invocations += 1;
    if (sample.status >= 500) aggregate.errors5xx += 1;
    else if (sample.status >= 400) aggregate.errors4xx += 1;
    const latency = roundTo2Digits(sample.latencyMs);
    aggregate.latencyMs.set(latency, (aggregate.latencyMs.get(latency) ?? 0) + 1);
    addTo(aggregate.requestBytes, sample.requestBytes);
    addTo(aggregate.responseBytes, sample.responseBytes);
    aggregate.tagStatus[sample.tagStatus] += 1;
  }

  /** Adds one control-plane request (failed or not) to `set`. */
  recordControlPlaneCall(set: DimensionSet, failed: boolean): void {
    const aggregate = this.forSet(set);
    if (aggregate === undefined) return;
    aggregate.controlPlaneCalls += 1;
    if (failed) aggregate.controlPlaneErrors += 1;
  }

  /** The sets that saw anything this interval. */
  entries(): SetAggregate[] {
    return [...this.sets.values()];
  }

  /** True when nothing was recorded. */
  isEmpty(): boolean {
    return this.sets.size === 0 && this.droppedSamples === 0;
  }

  private forSet(set: DimensionSet): SetAggregate | undefined {
    const known = this.sets.get(set.key);
    if (known !== undefined) return known;
    if (this.sets.size >= MAX_DIMENSION_SETS) {
      this.droppedSamples += 1;
      return undefined;
    }
    const created: SetAggregate = {
      set,
      invocations: 0,
      errors4xx: 0,
      errors5xx: 0,
      latencyMs: new Map(),
      requestBytes: emptySummary(),
      responseBytes: emptySummary(),
      tagStatus: { fresh: 0, stale: 0, unavailable: 0 },
      controlPlaneCalls: 0,
      controlPlaneErrors: 0,
    };
    this.sets.set(set.key, created);
    return created;
  }
}

/** `value` rounded to 2 significant digits (0.0123 -> 0.012, 1234 -> 1200): at most 90 values per decade. */
export function roundTo2Digits(value: number): number {
  return value <= 0 ? 0 : Number(value.toPrecision(2));
}

function emptySummary(): Summary {
  return { count: 0, sum: 0, min: Infinity, max: -Infinity };
}

function addTo(summary: Summary, value: number): void {
  summary.count += 1;
  summary.sum += value;
  if (value < summary.min) summary.min = value;
  if (value > summary.max) summary.max = value;
}
