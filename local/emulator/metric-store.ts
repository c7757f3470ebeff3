/**
 * The metrics the emulator's CloudWatch API received (`PutMetricData`), kept for tests and for
 * `GET /_emulator/metrics`: every datum as sent (at most `MAX_KEPT_DATUMS`, the oldest dropped and
 * counted), and per series (namespace + metric + dimensions) the sample count and sum CloudWatch would
 * compute from them.
 */

/** The most datums kept. */
export const MAX_KEPT_DATUMS = 20_000;

/** One datum as received. */
export interface ReceivedDatum {
  /** The request's namespace. */
  namespace: string;
  /** The metric name. */
  metricName: string;
  /** Dimensions by name. */
  dimensions: Record<string, string>;
  /** The datum's timestamp (ISO-8601), or when it was received when it had none. */
  timestamp: string;
  /** The unit, when given. */
  unit?: string;
  /** A single value. */
  value?: number;
  /** Distinct values (with `counts`). */
  values?: number[];
  /** How often each of `values` occurred (1 each when absent). */
  counts?: number[];
  /** A statistic set. */
  statisticValues?: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
}

/** One series' totals. */
export interface MetricSeries {
  /** Namespace. */
  namespace: string;
  /** Metric name. */
  metricName: string;
  /** Dimensions by name. */
  dimensions: Record<string, string>;
  /** Samples received (a Value is 1, Values/Counts the counts' sum, a statistic set its SampleCount). */
  sampleCount: number;
  /** Their sum. */
  sum: number;
}

/** What `GET /_emulator/metrics` answers. */
export interface MetricsSnapshot {
  /** PutMetricData requests accepted. */
  requests: number;
  /** Datums dropped from the store because it was full. */
  dropped: number;
  /** Totals per series, sorted by namespace, metric and dimensions. */
  series: MetricSeries[];
  /** The datums kept, in arrival order. */
  datums: ReceivedDatum[];
}

/** Received metrics. */
export class MetricStore {
  private requests = 0;
  private dropped = 0;
  private datums: ReceivedDatum[] = [];

  /** Keeps one accepted request's datums. */
  record(datums: ReceivedDatum[]): void {
    this.requests += 1;
    this.datums.push(...datums);
    const excess = this.datums.length - MAX_KEPT_DATUMS;
    if (excess > 0) {
      this.datums.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** What was received. */
  snapshot(): MetricsSnapshot {
    const series = new Map<string, MetricSeries>();
    for (const datum of this.datums) {
      const { namespace, metricName, dimensions } = datum;
      const key = JSON.stringify([namespace, metricName, Object.entries(dimensions).sort()]);
      const entry = series.get(key) ?? { namespace, metricName, dimensions, sampleCount: 0, sum: 0 };
      const [count, sum] = totals(datum);
      entry.sampleCount += count;
      entry.sum += sum;
      series.set(key, entry);
    }
    const sorted = [...series.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => entry);
    return { requests: this.requests, dropped: this.dropped, series: sorted, datums: [...this.datums] };
  }

  /** Forgets everything. */
  reset(): void {
    this.requests = 0;
    this.dropped = 0;
    this.datums = [];
  }
}

function totals(datum: ReceivedDatum): [number, number] {
  if (datum.statisticValues !== undefined) return [datum.statisticValues.SampleCount, datum.statisticValues.Sum];
  if (datum.values !== undefined) {
    const counts = datum.counts ?? datum.values.map(() => 1);
    return [counts.reduce((a, b) => a + b, 0), datum.values.reduce((sum, value, i) => sum + value * counts[i], 0)];
  }
  return [1, datum.value ?? 0];
}
