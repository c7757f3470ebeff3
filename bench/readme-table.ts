// The results tables of docs/bench.md, generated from a run and written between two markers.
import { formatFixed, formatInteger, formatMegabytes } from "./format";
import type { CallCounts } from "../local/emulator";
import { ResultsFile, ScenarioResult, TargetCheck } from "./results-file";

/** Marker lines that delimit the generated table inside the README's bench section. */
export const TABLE_MARKERS = {
  /** The line after which the table starts. */
  begin: "<!-- bench-results:start -->",
  /** The line before which the table ends. */
  end: "<!-- bench-results:end -->",
} as const;

/** Renders the machine line, the targets table, the scenario table and the cold-start table as Markdown. */
export function renderResultsTable(r: ResultsFile): string {
  const m = r.machine;
  const s = r.settings;
  const sc = r.scenarios;
  const t = r.seedUnderThrottling;
  const workers = Object.keys(sc.oursWorkers).sort((a, b) => Number(a) - Number(b));
  const lines = [
    `Measured by \`npm run bench\` on ${r.date.slice(0, 10)} on ${m.cpuModel} (${m.cores} cores, ` +
      `${formatFixed(m.memoryBytes / 2 ** 30, 1)} GiB), ${m.os}, Node ${m.node}, load average ${m.loadAverageAtStart} at start and ` +
      `${m.loadAverageAtEnd} at the end (other work shared the cores): wrk, ${s.durationSeconds} s per scenario after a ` +
      `${s.warmupSeconds} s warm-up, ${s.connections} connections, ${s.controlPlaneLatencyMs} ms emulated control-plane latency, ` +
      `${s.requestBodyBytes} B request, ${s.responseBodyBytes} B response. ${s.pinning} Raw figures: \`bench/results.json\`.`,
    "",
    "![Throughput by scenario](../bench/chart.svg)",
    "",
    "| Target | Goal | Measured | Met |",
    "| --- | --- | --- | --- |",
    ...r.targets.map((x) => `| ${x.name} | ${x.target} | ${x.measured} | ${verdict(x)} |`),
    "",
    "| Scenario | req/s | p50 ms | p99 ms | errors + non-2xx | CPU ms/req | control-plane calls | RSS |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    scenarioRow("bare: node:http + the sample handler's parse, predict, encode", sc.bare),
    scenarioRow("ours, tags off", sc.oursTagsOff),
    scenarioRow("ours (tag cache, default TTL)", sc.ours),
    scenarioRow(`seed: per-request lookup (TTL 0, ${s.controlPlaneLatencyMs} ms control plane)`, sc.seed),
    ...workers.map((n) => scenarioRow(`ours x${n} worker${n === "1" ? "" : "s"} (TTL ${s.workerTtlSeconds} s)`, sc.oursWorkers[n])),
    ...workers.filter((n) => sc.peerWorkers[n]).map((n) => scenarioRow(`peer: Flask + gunicorn x${n} sync worker${n === "1" ? "" : "s"}`, sc.peerWorkers[n])),
    scenarioRow(`seed x${sc.throttled.seed.workers} under throttling (${t.throttle.ratePerSecond}/s, burst ${t.throttle.burst}), beside ours`, sc.throttled.seed),
    scenarioRow("ours under throttling (TTL 2 s), beside the seed", sc.throttled.ours),
    "",
    "| Cold start, spawn to first /ping 200 | median ms | p90 ms | spawns |",
    "| --- | ---: | ---: | ---: |",
    `| ours, one process: \`node container/dist/serve.js serve\` | ${formatFixed(r.coldStart.ours.p50, 1)} | ${formatFixed(r.coldStart.ours.p90, 1)} | ${r.coldStart.ours.count} |`,
    `| bare node:http server | ${formatFixed(r.coldStart.bare.p50, 1)} | ${formatFixed(r.coldStart.bare.p90, 1)} | ${r.coldStart.bare.count} |`,
  ];
  return lines.join("\n");
}

/** "yes", "**no**", "printed" (a figure without a threshold) or "not measured" (not run). */
function verdict(t: TargetCheck): string {
  if (t.met !== null) return t.met ? "yes" : "**no**";
  return t.target.startsWith("printed") ? "printed" : "not measured";
}

function scenarioRow(label: string, x: ScenarioResult): string {
  const l = x.latencyMs;
  return (
    `| ${label} | ${formatInteger(x.requestsPerSecond)} | ${formatFixed(l.p50, 2)} | ${formatFixed(l.p99, 2)} | ` +
    `${formatInteger(x.errors + x.non2xx)} | ${formatFixed(x.cpuMsPerRequest, 3)} | ${formatCalls(x.controlPlaneCalls)} | ${formatMegabytes(x.rssBytes)} |`
  );
}

/** "6 (DescribeEndpoint 1, ListTags 3, ...)", operations in name order; "0" when none. */
export function formatCalls(calls: CallCounts): string {
  const parts = Object.entries(calls.byOperation)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${formatInteger(n)}`);
  return parts.length ? `${formatInteger(calls.total)} (${parts.join(", ")})` : formatInteger(calls.total);
}

/** Replaces the text between the table markers (kept) with `content`; throws if the markers are missing or out of order. */
export function replaceBetweenMarkers(document: string, content: string): string {
  const begin = document.indexOf(TABLE_MARKERS.begin);
  const end = document.indexOf(TABLE_MARKERS.end);
  if (begin < 0 || end < begin || document.indexOf(TABLE_MARKERS.begin, begin + 1) >= 0) {
    throw new Error(`README.md needs exactly one "${TABLE_MARKERS.begin}" followed by "${TABLE_MARKERS.end}"`);
  }
  return `${document.slice(0, begin + TABLE_MARKERS.begin.length)}\n${content}\n${document.slice(end)}`;
}
