import assert from "node:assert/strict";
import { diffCalls } from "../../bench/call-counts";
import { formatCalls, renderResultsTable, replaceBetweenMarkers, TABLE_MARKERS } from "../../bench/readme-table";
import { computeRatios } from "../../bench/ratios";
import { BenchResults, ScenarioResult } from "../../bench/results-file";
import { evaluateTargets } from "../../bench/targets";

function scenario(requestsPerSecond: number, p99: number, calls: Record<string, number>): ScenarioResult {
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond,
    ok: requestsPerSecond * 20,
    non2xx: 0,
    errors: 0,
    durationSeconds: 20,
    latencyMs: { p50: p99 / 2, p90: p99 * 0.8, p99, max: p99 * 3, mean: p99 / 2, count: requestsPerSecond * 20 },
    peakRssBytes: 60e6,
    controlPlaneCalls: { total, byOperation: calls },
    controlPlaneCallsDuringLoad: { total: 0, byOperation: {} },
    observedSeconds: 24,
  };
}

function coldStart(p50: number): BenchResults["coldStart"]["ours"] {
  return { p50, p90: p50 * 1.1, p99: p50 * 1.2, max: p50 * 1.2, mean: p50, count: 15, samplesMs: [p50] };
}

function results(): BenchResults {
  const scenarios = {
    ceiling: scenario(10000, 6.0, {}),
    ours: scenario(9000, 6.5, { DescribeEndpoint: 1, DescribeEndpointConfig: 1, DescribeModel: 1, ListTags: 3 }),
    per_request_lookup: scenario(600, 90, { DescribeEndpoint: 12000, ListTags: 36000 }),
  };
  const cold = { ours: coldStart(90), bare: coldStart(45) };
  return {
    date: "2026-11-28T01:00:00.000Z",
    machine: { cpuModel: "Test CPU", cores: 2, memoryBytes: 4 * 2 ** 30, node: "v20.20.2", os: "Linux 6.8.0", loadAverageAtStart: 0.42 },
    settings: { durationSeconds: 20, warmupSeconds: 3, connections: 50, controlPlaneLatencyMs: 15, coldStartSpawns: 15, requestBodyBytes: 80, responseBodyBytes: 400 },
    scenarios,
    controlPlane: { resources: 3, ttlSeconds: 300, observedSeconds: 24, callsPerResourceIn60sAtTtl60: 2 },
    coldStart: cold,
    footprint: { bundleBytes: 1_500_000, modelBytes: 400, totalBytes: 1_500_400, idleRssBytes: 55e6 },
    soak: null,
    ratios: computeRatios(scenarios, cold),
  };
}

describe("bench results", () => {
  it("computes the headline ratios, and no ratio against a scenario that served nothing", () => {
    const r = results();
    assert.deepEqual(r.ratios, {
      ours_over_ceiling_throughput: 0.9,
      ours_over_per_request_lookup_throughput: 15,
      cold_start_ours_over_bare: 2,
      p99_ours_minus_ceiling_ms: 0.5,
    });
    const dead = { ...r.scenarios, ceiling: scenario(0, 0, {}) };
    assert.ok(Number.isNaN(computeRatios(dead, r.coldStart).ours_over_ceiling_throughput));
  });

  it("marks each target met or missed from the figures, and the soak as not measured without --soak-minutes", () => {
    const verdicts = Object.fromEntries(evaluateTargets(results()).map((t) => [t.name, t.met]));
    assert.deepEqual(verdicts, {
      "Throughput, ours / ceiling": true,
      "p99 latency, ours - ceiling (50 connections)": true,
      "Throughput, ours / per-request lookup (15 ms control plane)": false,
      "Control-plane calls per resource, 60 s run at TTL 60 s": true,
      "Cold start to first /ping 200, ours / bare": false,
      "Cold start to first /ping 200, ours": true,
      "Server payload in the image (bundle + model)": true,
      "Idle RSS, ours": true,
      "Soak: RSS growth": null,
      "Soak: errors": null,
    });
  });

  it("judges the soak only when it ran for the target's 5 minutes", () => {
    const soak = { minutes: 1, targetRequestsPerSecond: 500, requestsPerSecond: 500, ok: 30000, rssStartBytes: 60e6, rssEndBytes: 61e6, rssGrowthPercent: 1.67, peakRssBytes: 62e6, errors: 0, latencyMs: results().scenarios.ours.latencyMs, rssSamples: [] };
    const short = evaluateTargets({ ...results(), soak }).filter((t) => t.name.startsWith("Soak"));
    assert.deepEqual(short.map((t) => t.met), [null, true]);
    const long = evaluateTargets({ ...results(), soak: { ...soak, minutes: 5, rssGrowthPercent: 12, errors: 3 } }).filter((t) => t.name.startsWith("Soak"));
    assert.deepEqual(long.map((t) => t.met), [false, false]);
  });

  it("renders the machine, the date, every target with its verdict, and the three scenarios", () => {
    const r = results();
    const table = renderResultsTable({ ...r, targets: evaluateTargets(r) });
    assert.match(table, /on 2026-11-28 on Test CPU \(2 cores, 4\.0 GiB\), Linux 6\.8\.0, Node v20\.20\.2, load average 0\.42 at start: 20 s per scenario/);
    assert.match(table, /\| Throughput, ours \/ ceiling \| >= 0\.85 \| 0\.90 \(9,000 \/ 10,000 req\/s\) \| yes \|/);
    assert.match(table, /\| Cold start to first \/ping 200, ours \/ bare \| <= 1\.5x \| 2\.00x \(medians 90\.0 \/ 45\.0 ms\) \| \*\*no\*\* \|/);
    assert.match(table, /\| Soak: RSS growth \| .* \| not measured \|/);
    assert.match(table, /\| per-request lookup: TTL 0 \| 600 \| 45\.00 \| 90\.00 \| 270\.0 \| 0 \| 48,000 \(DescribeEndpoint 12,000, ListTags 36,000\) \| 60\.00 MB \|/);
  });

  it("counts the calls between two readings per operation", () => {
    const before = { total: 6, byOperation: { DescribeEndpoint: 1, ListTags: 5 } };
    const after = { total: 10, byOperation: { DescribeEndpoint: 1, ListTags: 8, DescribeModel: 1 } };
    assert.deepEqual(diffCalls(before, after), { total: 4, byOperation: { ListTags: 3, DescribeModel: 1 } });
    assert.equal(formatCalls(diffCalls(before, after)), "4 (DescribeModel 1, ListTags 3)");
    assert.equal(formatCalls({ total: 0, byOperation: {} }), "0");
  });

  it("replaces only the text between the table markers, and refuses a README without them", () => {
    const readme = `# Title\n\n${TABLE_MARKERS.begin}\nold table\n${TABLE_MARKERS.end}\n\nafter\n`;
    assert.equal(replaceBetweenMarkers(readme, "new"), `# Title\n\n${TABLE_MARKERS.begin}\nnew\n${TABLE_MARKERS.end}\n\nafter\n`);
    assert.throws(() => replaceBetweenMarkers("# no markers", "new"), /README\.md needs exactly one/);
    assert.throws(() => replaceBetweenMarkers(`${TABLE_MARKERS.end}\n${TABLE_MARKERS.begin}`, "new"), /README\.md needs exactly one/);
  });
});
