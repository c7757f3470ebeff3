import assert from "node:assert/strict";
import { diffCalls } from "../../bench/call-counts";
import { formatCalls, renderResultsTable, replaceBetweenMarkers, TABLE_MARKERS } from "../../bench/readme-table";
import { callsPerTtl, computeRatios } from "../../bench/ratios";
import { BenchResults, ScenarioResult, Scenarios } from "../../bench/results-file";
import { evaluateTargets } from "../../bench/targets";

function scenario(requestsPerSecond: number, p99: number, calls: Record<string, number>, workers = 1, failed = 0): ScenarioResult {
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond,
    ok: requestsPerSecond * 20,
    non2xx: failed,
    errors: 0,
    durationSeconds: 20,
    latencyMs: { p50: p99 / 2, p90: p99 * 0.8, p99, max: p99 * 3, mean: p99 / 2, count: requestsPerSecond * 20 },
    workers,
    serverCpus: "1",
    wrkCpus: "0",
    cpuSeconds: 19,
    cpuMsPerRequest: 19_000 / (requestsPerSecond * 20),
    rssBytes: 60e6,
    controlPlaneCalls: { total, byOperation: calls },
    controlPlaneCallsDuringLoad: { total, byOperation: calls },
    observedSeconds: 24,
    ping: null,
  };
}

function coldStart(p50: number): BenchResults["coldStart"]["ours"] {
  return { p50, p90: p50 * 1.1, p99: p50 * 1.2, max: p50 * 1.2, mean: p50, count: 15, samplesMs: [p50] };
}

function results(): BenchResults {
  const scenarios: Scenarios = {
    bare: scenario(10000, 6.0, {}),
    oursTagsOff: scenario(9200, 6.3, {}),
    ours: scenario(9000, 6.5, { DescribeEndpoint: 1, DescribeEndpointConfig: 1, DescribeModel: 1, ListTags: 3 }),
    seed: scenario(600, 90, { DescribeEndpoint: 12000, ListTags: 36000 }),
    oursWorkers: { "1": scenario(8000, 7, { ListTags: 12 }), "2": scenario(12000, 8, { ListTags: 12 }, 2) },
    peerWorkers: { "1": scenario(1000, 60, {}), "2": scenario(2000, 40, {}, 2) },
    throttled: { seed: scenario(100, 900, { ListTags: 5000 }, 8, 700), ours: scenario(4000, 10, { ListTags: 30 }) },
  };
  const cold = { ours: coldStart(90), bare: coldStart(45) };
  return {
    date: "2026-11-28T01:00:00.000Z",
    machine: { cpuModel: "Test CPU", cores: 2, memoryBytes: 4 * 2 ** 30, node: "v20.20.2", os: "Linux 6.8.0", loadAverageAtStart: 0.42, loadAverageAtEnd: 1.5 },
    settings: {
      durationSeconds: 20,
      warmupSeconds: 3,
      connections: 50,
      controlPlaneLatencyMs: 15,
      workerTtlSeconds: 5,
      pinning: "Pinned.",
      coldStartSpawns: 15,
      requestBodyBytes: 80,
      responseBodyBytes: 400,
    },
    scenarios,
    controlPlaneCallsPerTtl: callsPerTtl(scenarios.oursWorkers, 5),
    seedUnderThrottling: { throttle: { ratePerSecond: 20, burst: 100 }, seedFailed: 700, seedRequests: 2700, seedFailureRate: 700 / 2700, oursFailed: 0, oursRequests: 80000, throttledCalls: 4000 },
    pingP99MsUnderLoad: 12,
    tagPath: { tagsOnMicros: 3.4, tagsOffMicros: 2.4, iterations: 1000 },
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
      tagTax: 9000 / 9200,
      tagTaxP99Ms: 6.5 - 6.3,
      oursOverBare: 0.9,
      oursOverPeer: 6,
      oursOverPeerByWorkers: { "1": 8, "2": 6 },
      oursOverSeed: 15,
      workerScaling: { "1": 1, "2": 0.75 },
      coldStartOursOverBare: 2,
    });
    const dead = { ...r.scenarios, bare: scenario(0, 0, {}) };
    assert.ok(Number.isNaN(computeRatios(dead, r.coldStart).oursOverBare));
  });

  it("gives control-plane calls per TTL window of the measured load, by worker count", () => {
    assert.deepEqual(results().controlPlaneCallsPerTtl, { "1": 3, "2": 3 });
  });

  it("marks each target met or missed from the figures, and the soak as not measured without --soak-minutes", () => {
    const verdicts = Object.fromEntries(evaluateTargets(results()).map((t) => [t.name, t.met]));
    assert.deepEqual(verdicts, {
      "Tag tax: ours / ours with tags off, throughput": true,
      "Tag tax: p99, ours - ours with tags off": true,
      "Tag path alone, CPU per invocation (in-process: cache read, view, response JSON)": null,
      "Throughput, ours / bare (same handler, one process each)": true,
      "Throughput, ours / peer (Flask + gunicorn) at equal workers": true,
      "Control-plane calls per TTL (5 s), by worker count": true,
      "Under throttling: failed invocations, seed vs ours": true,
      "/ping p99 beside a saturating load (ours, most workers)": true,
      "Throughput, ours / seed (per-request lookup)": null,
      "Worker scaling: req/s at N / (N x req/s at 1)": null,
      "Cold start to first /ping 200, ours / bare": false,
      "Cold start to first /ping 200, ours": true,
      "Server payload in the image (bundle + model)": true,
      "Idle RSS, ours (one process)": true,
      "Soak: RSS growth": null,
      "Soak: errors": null,
    });
  });

  it("misses the calls-per-TTL target when workers multiply the calls, and the throttling target when ours fails once", () => {
    const r = results();
    const multiplied = { ...r, controlPlaneCallsPerTtl: { "1": 3, "2": 6 } };
    assert.equal(evaluateTargets(multiplied).find((t) => t.name.startsWith("Control-plane calls per TTL"))?.met, false);
    const oneRefreshApart = { ...r, controlPlaneCallsPerTtl: { "1": 3, "2": 3.75 } };
    assert.equal(evaluateTargets(oneRefreshApart).find((t) => t.name.startsWith("Control-plane calls per TTL"))?.met, true);
    const failing = { ...r, seedUnderThrottling: { ...r.seedUnderThrottling, oursFailed: 1 } };
    assert.equal(evaluateTargets(failing).find((t) => t.name.startsWith("Under throttling"))?.met, false);
  });

  it("judges the soak only when it ran for the target's 5 minutes", () => {
    const soak = { minutes: 1, connections: 10, requestsPerSecond: 500, ok: 30000, rssStartBytes: 60e6, rssEndBytes: 61e6, rssGrowthPercent: 1.67, peakRssBytes: 62e6, errors: 0, latencyMs: results().scenarios.ours.latencyMs, rssSamples: [] };
    const short = evaluateTargets({ ...results(), soak }).filter((t) => t.name.startsWith("Soak"));
    assert.deepEqual(short.map((t) => t.met), [null, true]);
    const long = evaluateTargets({ ...results(), soak: { ...soak, minutes: 5, rssGrowthPercent: 12, errors: 3 } }).filter((t) => t.name.startsWith("Soak"));
    assert.deepEqual(long.map((t) => t.met), [false, false]);
  });

  it("renders the machine, the date, the chart, every target with its verdict, and every scenario", () => {
    const r = results();
    const table = renderResultsTable({ ...r, targets: evaluateTargets(r) });
    assert.match(table, /on 2026-11-28 on Test CPU \(2 cores, 4\.0 GiB\), Linux 6\.8\.0, Node v20\.20\.2, load average 0\.42 at start and 1\.5 at the end/);
    assert.match(table, /!\[Throughput by scenario\]\(\.\.\/bench\/chart\.svg\)/);
    assert.match(table, /\| Throughput, ours \/ bare \(same handler, one process each\) \| >= 0\.85 \| 0\.90 \(9,000 \/ 10,000 req\/s\) \| yes \|/);
    assert.match(table, /\| Cold start to first \/ping 200, ours \/ bare \| <= 1\.5x \| 2\.00x \(medians 90\.0 \/ 45\.0 ms\) \| \*\*no\*\* \|/);
    assert.match(table, /\| Under throttling: failed invocations, seed vs ours \| seed's printed; ours 0 \| seed 700 of 2,700 \(25\.9%\), ours 0 of 80,000; 4,000 calls throttled \| yes \|/);
    assert.match(table, /\| seed: per-request lookup \(TTL 0, 15 ms control plane\) \| 600 \| 45\.00 \| 90\.00 \| 0 \| 1\.583 \| 48,000 \(DescribeEndpoint 12,000, ListTags 36,000\) \| 60\.00 MB \|/);
    for (const label of ["ours x1 worker (TTL 5 s)", "ours x2 workers (TTL 5 s)", "peer: Flask + gunicorn x2 sync workers", "seed x8 under throttling (20/s, burst 100)", "ours under throttling"]) {
      assert.ok(table.includes(`| ${label}`), label);
    }
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
