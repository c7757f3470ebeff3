// Durations at sub-millisecond resolution and their percentiles (cold starts, /ping latencies; wrk
// summarises the load latencies itself, in microseconds).

/** Percentiles of a set of durations (response latencies, start-up times), in milliseconds. */
export interface DurationSummary {
  /** Median. */
  p50: number;
  /** 90th percentile. */
  p90: number;
  /** 99th percentile. */
  p99: number;
  /** Largest value. */
  max: number;
  /** Arithmetic mean. */
  mean: number;
  /** How many durations were recorded. */
  count: number;
}

/** The nearest-rank percentile (0 < p <= 100) of values sorted ascending; NaN when there are none. */
export function percentile(sortedAscending: ArrayLike<number>, p: number): number {
  const n = sortedAscending.length;
  if (n === 0) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sortedAscending[rank - 1];
}

/** Summarises unsorted durations (ms): response latencies, start-up times. */
export function summarizeDurations(values: ArrayLike<number>): DurationSummary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
    count: sorted.length,
  };
}
