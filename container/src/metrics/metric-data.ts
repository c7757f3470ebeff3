/**
 * An interval's aggregates as CloudWatch `MetricDatum`s, per dimension set: counts (`Invocations`,
 * `Invocation4XXErrors`, `Invocation5XXErrors`, `TagsFresh`/`TagsStale`/`TagsUnavailable`,
 * `ControlPlaneCalls`, `ControlPlaneErrors`), `Latency` as Values/Counts (at most 150 values per datum, so
 * CloudWatch computes percentiles) and `RequestBytes`/`ResponseBytes` as statistic sets.
 */
import type { MetricDatum, StandardUnit } from "@aws-sdk/client-cloudwatch";
import type { Dimension } from "../deployment-context";
import type { IntervalAggregate, SetAggregate, Summary } from "./aggregate";

/** CloudWatch's most values (and counts) in one datum. */
export const MAX_VALUES_PER_DATUM = 150;

/** The metric (without dimensions) counting datums the publisher had to drop. */
export const DROPPED_METRIC = "MetricsDropped";

/** The datums of `aggregate`, stamped `timestamp`; `dropped` adds a `MetricsDropped` datum when > 0. */
export function metricData(aggregate: IntervalAggregate, timestamp: Date, dropped: number): MetricDatum[] {
  const data = aggregate.entries().flatMap((entry) => setData(entry, timestamp));
  const lost = dropped + aggregate.droppedSamples;
  if (lost > 0) data.push({ MetricName: DROPPED_METRIC, Timestamp: timestamp, Unit: "Count", Value: lost });
  return data;
}

function setData(entry: SetAggregate, timestamp: Date): MetricDatum[] {
  const base = { Dimensions: entry.set.dimensions.map((d: Dimension) => ({ Name: d.Name, Value: d.Value })), Timestamp: timestamp };
  const count = (name: string, value: number): MetricDatum => ({ ...base, MetricName: name, Unit: "Count", Value: value });
  const data: MetricDatum[] = [];
  if (entry.invocations > 0) {
    data.push(
      count("Invocations", entry.invocations),
      count("Invocation4XXErrors", entry.errors4xx),
      count("Invocation5XXErrors", entry.errors5xx),
      count("TagsFresh", entry.tagStatus.fresh),
      count("TagsStale", entry.tagStatus.stale),
      count("TagsUnavailable", entry.tagStatus.unavailable),
      ...distribution(base, "Latency", "Milliseconds", entry.latencyMs),
      statistics(base, "RequestBytes", entry.requestBytes),
      statistics(base, "ResponseBytes", entry.responseBytes),
    );
  }
  if (entry.controlPlaneCalls > 0) data.push(count("ControlPlaneCalls", entry.controlPlaneCalls), count("ControlPlaneErrors", entry.controlPlaneErrors));
  return data;
}

function distribution(base: Partial<MetricDatum>, name: string, unit: StandardUnit, counts: Map<number, number>): MetricDatum[] {
  const pairs = [...counts.entries()].sort(([a], [b]) => a - b);
  const data: MetricDatum[] = [];
  for (let start = 0; start < pairs.length; start += MAX_VALUES_PER_DATUM) {
    const chunk = pairs.slice(start, start + MAX_VALUES_PER_DATUM);
    data.push({ ...base, MetricName: name, Unit: unit, Values: chunk.map(([value]) => value), Counts: chunk.map(([, n]) => n) });
  }
  return data;
}

function statistics(base: Partial<MetricDatum>, name: string, summary: Summary): MetricDatum {
  const { count, sum, min, max } = summary;
  return { ...base, MetricName: name, Unit: "Bytes", StatisticValues: { SampleCount: count, Sum: sum, Minimum: min, Maximum: max } };
}
