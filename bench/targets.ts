// The targets, each checked against a run's figures. A benchmark reports where it lands: a
// missed target is a row that says "no", never a failure of the run.
import { formatFixed, formatInteger, formatMegabytes } from "./format";
import { BenchResults, TargetCheck } from "./results-file";

/** The thresholds, from the issues. Sizes in decimal MB (1 MB = 1,000,000 bytes). */
export const THRESHOLDS = {
  /** Lowest ours / ours-tags-off throughput ratio. */
  tagTax: 0.97,
  /** Largest ours p99 minus ours-tags-off p99, in ms. */
  tagTaxP99Ms: 0.3,
  /** Lowest ours/bare throughput ratio. */
  oursOverBare: 0.85,
  /** Lowest ours/peer throughput ratio at equal workers. */
  oursOverPeer: 4,
  /** Largest /ping p99 beside a saturating load, in ms. */
  pingP99Ms: 50,
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

/** Control-plane calls of one tag refresh: ListTags on the endpoint, its config and its model. */
export const CALLS_PER_REFRESH = 3;

/** Checks every target against the figures of one run. */
export function evaluateTargets(r: BenchResults): TargetCheck[] {
  const { ours, oursTagsOff, bare } = r.scenarios;
  const x = r.ratios;
  const perTtl = r.controlPlaneCallsPerTtl;
  const counts = Object.keys(perTtl).sort((a, b) => Number(a) - Number(b));
  const windows = r.settings.durationSeconds / r.settings.workerTtlSeconds;
  const perTtlSpread = Math.max(...counts.map((n) => perTtl[n])) - Math.min(...counts.map((n) => perTtl[n]));
  const peer = Object.entries(x.oursOverPeerByWorkers);
  const t = r.seedUnderThrottling;
  const checks: TargetCheck[] = [
    {
      name: "Tag tax: ours / ours with tags off, throughput",
      target: `>= ${THRESHOLDS.tagTax}`,
      measured: `${formatFixed(x.tagTax, 3)} (${formatInteger(ours.requestsPerSecond)} / ${formatInteger(oursTagsOff.requestsPerSecond)} req/s)`,
      met: x.tagTax >= THRESHOLDS.tagTax,
    },
    {
      name: "Tag tax: p99, ours - ours with tags off",
      target: `<= ${THRESHOLDS.tagTaxP99Ms} ms`,
      measured: `${signed(x.tagTaxP99Ms)} ms (${formatFixed(ours.latencyMs.p99, 2)} vs ${formatFixed(oursTagsOff.latencyMs.p99, 2)} ms)`,
      met: x.tagTaxP99Ms <= THRESHOLDS.tagTaxP99Ms,
    },
    {
      name: "Tag path alone, CPU per invocation (in-process: cache read, view, response JSON)",
      target: "printed",
      measured: `${formatFixed(r.tagPath.tagsOnMicros, 2)} us with tags, ${formatFixed(r.tagPath.tagsOffMicros, 2)} us without`,
      met: null,
    },
    {
      name: "Throughput, ours / bare (same handler, one process each)",
      target: `>= ${THRESHOLDS.oursOverBare}`,
      measured: `${formatFixed(x.oursOverBare, 2)} (${formatInteger(ours.requestsPerSecond)} / ${formatInteger(bare.requestsPerSecond)} req/s)`,
      met: x.oursOverBare >= THRESHOLDS.oursOverBare,
    },
    {
      name: "Throughput, ours / peer (Flask + gunicorn) at equal workers",
      target: `>= ${THRESHOLDS.oursOverPeer}x at every worker count`,
      measured: peer.map(([n, v]) => `x${n}: ${formatFixed(v, 1)}x`).join(", "),
      met: peer.length > 0 && peer.every(([, v]) => v >= THRESHOLDS.oursOverPeer),
    },
    {
      name: `Control-plane calls per TTL (${r.settings.workerTtlSeconds} s), by worker count`,
      target: `equal for 1 and N (within one refresh, ${formatFixed(CALLS_PER_REFRESH / windows, 2)} per window, for where the windows fall)`,
      measured: counts.map((n) => `x${n}: ${formatFixed(perTtl[n], 2)}`).join(", "),
      met: counts.length > 1 && perTtlSpread <= CALLS_PER_REFRESH / windows + 1e-9,
    },
    {
      name: "Under throttling: failed invocations, seed vs ours",
      target: "seed's printed; ours 0",
      measured:
        `seed ${formatInteger(t.seedFailed)} of ${formatInteger(t.seedRequests)} (${formatFixed(t.seedFailureRate * 100, 1)}%), ` +
        `ours ${formatInteger(t.oursFailed)} of ${formatInteger(t.oursRequests)}; ${formatInteger(t.throttledCalls)} calls throttled`,
      met: t.oursFailed === 0,
    },
    {
      name: "/ping p99 beside a saturating load (ours, most workers)",
      target: `< ${THRESHOLDS.pingP99Ms} ms`,
      measured: `${formatFixed(r.pingP99MsUnderLoad, 1)} ms`,
      met: r.pingP99MsUnderLoad < THRESHOLDS.pingP99Ms,
    },
    {
      name: "Throughput, ours / seed (per-request lookup)",
      target: "printed",
      measured: `${formatFixed(x.oursOverSeed, 1)}x (${formatInteger(ours.requestsPerSecond)} / ${formatInteger(r.scenarios.seed.requestsPerSecond)} req/s)`,
      met: null,
    },
    {
      name: "Worker scaling: req/s at N / (N x req/s at 1)",
      target: "printed (the load generator shares the cores)",
      measured: Object.entries(x.workerScaling).map(([n, v]) => `x${n}: ${formatFixed(v, 2)}`).join(", "),
      met: null,
    },
    {
      name: "Cold start to first /ping 200, ours / bare",
      target: `<= ${THRESHOLDS.coldStartRatio}x`,
      measured: `${formatFixed(x.coldStartOursOverBare, 2)}x (medians ${formatFixed(r.coldStart.ours.p50, 1)} / ${formatFixed(r.coldStart.bare.p50, 1)} ms)`,
      met: x.coldStartOursOverBare <= THRESHOLDS.coldStartRatio,
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
      name: "Idle RSS, ours (one process)",
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
        `over ${soak.minutes} min with ${soak.connections} connections)` +
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
