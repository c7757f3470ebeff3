// The targets, each checked against a run's figures. A benchmark reports where it lands: a
// missed target is a row that says "no", never a failure of the run.
import { formatFixed, formatInteger, formatMegabytes } from "./format";
import { BenchResults, TargetCheck } from "./results-file";

/** The thresholds, from the issue. Sizes in decimal MB (1 MB = 1,000,000 bytes). */
export const THRESHOLDS = {
  /** Lowest ours/ceiling throughput ratio. */
  oursOverCeilingThroughput: 0.85,
  /** Largest ours p99 minus ceiling p99, in ms. */
  p99OverCeilingMs: 1,
  /** Lowest ours/per-request-lookup throughput ratio. */
  oursOverPerRequestLookup: 50,
  /** Most control-plane calls per resource over a 60 s run at TTL 60 s. */
  callsPerResource: 2,
  /** Largest ours/bare median cold-start ratio. */
  coldStartRatio: 1.5,
  /** Ours' median cold start must stay below this, in ms. */
  coldStartMs: 250,
  /** The image's server payload must stay below this, in bytes. */
  payloadBytes: 2e6,
  /** Ours' idle RSS must stay below this, in bytes. */
  idleRssBytes: 70e6,
  /** Soak RSS growth must stay below this, in percent. */
  soakGrowthPercent: 10,
  /** The span the soak target is stated over, in minutes. */
  soakMinutes: 5,
} as const;

/** Checks every target against the figures of one run. */
export function evaluateTargets(r: BenchResults): TargetCheck[] {
  const { ceiling, ours, per_request_lookup: lookup } = r.scenarios;
  const calls = r.controlPlane.callsPerResourceIn60sAtTtl60;
  const checks: TargetCheck[] = [
    {
      name: "Throughput, ours / ceiling",
      target: `>= ${THRESHOLDS.oursOverCeilingThroughput}`,
      measured: `${formatFixed(r.ratios.ours_over_ceiling_throughput, 2)} (${formatInteger(ours.requestsPerSecond)} / ${formatInteger(ceiling.requestsPerSecond)} req/s)`,
      met: r.ratios.ours_over_ceiling_throughput >= THRESHOLDS.oursOverCeilingThroughput,
    },
    {
      name: `p99 latency, ours - ceiling (${r.settings.connections} connections)`,
      target: `<= ${THRESHOLDS.p99OverCeilingMs} ms`,
      measured: `${signed(r.ratios.p99_ours_minus_ceiling_ms)} ms (${formatFixed(ours.latencyMs.p99, 2)} vs ${formatFixed(ceiling.latencyMs.p99, 2)} ms)`,
      met: r.ratios.p99_ours_minus_ceiling_ms <= THRESHOLDS.p99OverCeilingMs,
    },
    {
      name: `Throughput, ours / per-request lookup (${r.settings.controlPlaneLatencyMs} ms control plane)`,
      target: `>= ${THRESHOLDS.oursOverPerRequestLookup}x`,
      measured: `${formatFixed(r.ratios.ours_over_per_request_lookup_throughput, 1)}x (${formatInteger(ours.requestsPerSecond)} / ${formatInteger(lookup.requestsPerSecond)} req/s)`,
      met: r.ratios.ours_over_per_request_lookup_throughput >= THRESHOLDS.oursOverPerRequestLookup,
    },
    {
      name: "Control-plane calls per resource, 60 s run at TTL 60 s",
      target: `<= ${THRESHOLDS.callsPerResource}`,
      measured:
        calls === null
          ? `not derivable (ours ran ${formatInteger(r.controlPlane.observedSeconds)} s, over one ${r.controlPlane.ttlSeconds} s TTL window)`
          : `${formatFixed(calls, 2)} (${ours.controlPlaneCalls.total} calls / ${r.controlPlane.resources} resources in one TTL window)`,
      met: calls === null ? null : calls <= THRESHOLDS.callsPerResource,
    },
    {
      name: "Cold start to first /ping 200, ours / bare",
      target: `<= ${THRESHOLDS.coldStartRatio}x`,
      measured: `${formatFixed(r.ratios.cold_start_ours_over_bare, 2)}x (medians ${formatFixed(r.coldStart.ours.p50, 1)} / ${formatFixed(r.coldStart.bare.p50, 1)} ms)`,
      met: r.ratios.cold_start_ours_over_bare <= THRESHOLDS.coldStartRatio,
    },
    {
      name: "Cold start to first /ping 200, ours",
      target: `< ${THRESHOLDS.coldStartMs} ms`,
      measured: `${formatFixed(r.coldStart.ours.p50, 1)} ms median, ${formatFixed(r.coldStart.ours.p90, 1)} ms p90`,
      met: r.coldStart.ours.p50 < THRESHOLDS.coldStartMs,
    },
    {
      name: "Server payload in the image (bundle + model)",
      target: `< ${formatMegabytes(THRESHOLDS.payloadBytes)}`,
      measured: `${formatMegabytes(r.footprint.totalBytes)} (bundle ${formatMegabytes(r.footprint.bundleBytes)}, model ${formatInteger(r.footprint.modelBytes)} B)`,
      met: r.footprint.totalBytes < THRESHOLDS.payloadBytes,
    },
    {
      name: "Idle RSS, ours",
      target: `< ${formatMegabytes(THRESHOLDS.idleRssBytes)}`,
      measured: formatMegabytes(r.footprint.idleRssBytes),
      met: r.footprint.idleRssBytes < THRESHOLDS.idleRssBytes,
    },
  ];
  return [...checks, ...soakChecks(r)];
}

function soakChecks(r: BenchResults): TargetCheck[] {
  const soak = r.soak;
  const growthTarget = `< ${THRESHOLDS.soakGrowthPercent}% over ${THRESHOLDS.soakMinutes} min`;
  if (soak === null) {
    return [
      { name: "Soak: RSS growth", target: growthTarget, measured: "not run (opt-in: --soak-minutes 5)", met: null },
      { name: "Soak: errors", target: "0", measured: "not run", met: null },
    ];
  }
  const longEnough = soak.minutes >= THRESHOLDS.soakMinutes;
  return [
    {
      name: "Soak: RSS growth",
      target: growthTarget,
      measured:
        `${signed(soak.rssGrowthPercent)}% (${formatMegabytes(soak.rssStartBytes)} -> ${formatMegabytes(soak.rssEndBytes)} ` +
        `over ${soak.minutes} min at ${formatInteger(soak.targetRequestsPerSecond)} req/s)` +
        (longEnough ? "" : "; shorter than the target's span"),
      met: longEnough ? soak.rssGrowthPercent < THRESHOLDS.soakGrowthPercent : null,
    },
    {
      name: "Soak: errors",
      target: "0",
      measured: `${formatInteger(soak.errors)} (${formatInteger(soak.ok)} requests answered 2xx)`,
      met: soak.errors === 0,
    },
  ];
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : ""}${formatFixed(value, 2)}`;
}
