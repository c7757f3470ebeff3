// `npm run bench`: builds the container bundle, starts the SageMaker emulator in this process, then
// measures with wrk: bare, ours with tags off and on, the seed, ours and the peer at 1..N workers, the
// seed beside ours under throttling, /ping beside a saturating load; cold starts, the burst and drain
// scenarios, footprint and an optional soak. Writes bench/results.json, bench/chart.svg and the tables
// in docs/bench.md. With --cpu-prof it profiles ours under load instead; with --only burst|drain it runs
// that scenario alone. Everything it starts is stopped at the end, on failure and on Ctrl-C.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BenchOptions, parseArgs, USAGE } from "./args";
import { CliError } from "../base/cli-error";
import { buildContainerBundle, bundleForNode } from "./build";
import { captureFreshResponse } from "./capture";
import { BurstResult, DEFAULT_BURST, runBurst } from "./burst";
import { renderResultsChart } from "./chart";
import { Cleanup } from "./cleanup";
import { measureColdStarts } from "./cold-start";
import { ControlPlane, startControlPlane } from "./control-plane";
import { readNewestProfile, topSelfTime } from "./cpu-profile";
import { containerEnvironment, DEFAULT_TTL_SECONDS, USER_TAGS } from "./deployment";
import { DEFAULT_DRAIN, DrainResult, runDrain } from "./drain";
import { measureFootprint } from "./footprint";
import { machineInfo } from "./machine";
import { elapsedSeconds, progress } from "./progress";
import { callsPerTtl, computeRatios } from "./ratios";
import { renderResultsTable, replaceBetweenMarkers } from "./readme-table";
import { BenchResults, ResultsFile, ScenarioResult, Scenarios, writeResults } from "./results-file";
import { readProcMemory } from "./rss";
import { sampleRequest } from "./sample-request";
import { LoadSettings, runScenario, runScenarioGroup, ScenarioServer } from "./scenario";
import { ServerSpec, startServer } from "./server-process";
import { runSoak } from "./soak";
import { measureTagPath } from "./tag-path";
import { evaluateTargets } from "./targets";
import { writeWrkScript } from "./wrk";

const ROOT = resolve(__dirname, "..");
const BUNDLE = join(ROOT, "container", "dist", "serve.js");
const MODEL_DIR = join(ROOT, "container", "model");
const RESULTS_FILE = join(ROOT, "bench", "results.json");
const CHART_FILE = join(ROOT, "bench", "chart.svg");
const README = join(ROOT, "docs", "bench.md");
const PEER_DIR = join(ROOT, "bench", "peer");

/** Seconds of unmeasured load before each scenario. */
const WARMUP_SECONDS = 3;
/** Recorded spawns per server for the cold-start figures. */
const COLD_START_SPAWNS = 15;
/** Milliseconds a started container is left alone before its idle RSS is read (its tag load takes ~4 control-plane round trips). */
const IDLE_SETTLE_MS = 1500;
/** Connections and warm-up of the soak. */
const SOAK = { connections: 10, warmupSeconds: 20 };
/** Functions listed by a profiling run. */
const PROFILE_TOP = 25;
/** Tag cache TTL of the worker scenarios: short, so several refreshes fall inside each measured load. */
const WORKER_TTL_SECONDS = 5;
/**
 * Workers of the seed under throttling: an 8-vCPU instance's worth, so its lookups run 8 at a time (one
 * invocation at a time per worker), as one busy instance of an endpoint would send them.
 */
const THROTTLED_SEED_WORKERS = 8;
/** Tag cache TTL of ours beside the seed under throttling: its refreshes compete with the seed's calls. */
const THROTTLED_TTL_SECONDS = 2;

/** What a container spec may change. */
interface ContainerOptions {
  /** SAGEMAKER_MODEL_SERVER_WORKERS; default 1. */
  workers?: number;
  /** CPUs to pin the server to; default not pinned. */
  cpus?: string;
  /** The script node runs; default the bundle. */
  script?: string;
  /** Flags for node; default none. */
  nodeArgs?: string[];
  /** Variables added to (or, when undefined, removed from) the environment. */
  env?: Record<string, string | undefined>;
}

/** What every mode shares: the built bundle, a scratch directory, the seeded emulator and the wrk script. */
interface Setup {
  /** Scratch directory, removed at the end. */
  work: string;
  /** The emulator the containers read their tags from. */
  controlPlane: ControlPlane;
  /** Load settings shared by the scenarios. */
  load: LoadSettings;
  /** A container spec: the bundle with the given tag cache TTL. */
  container(name: string, ttlSeconds: number, options?: ContainerOptions): ServerSpec;
}

async function prepare(options: BenchOptions, cleanup: Cleanup): Promise<Setup> {
  progress("building the container bundle (npm run build)");
  await buildContainerBundle(ROOT);
  if (!existsSync(BUNDLE)) throw new Error(`npm run build did not produce ${BUNDLE}`);
  const work = await mkdtemp(join(tmpdir(), "tagged-endpoint-bench-"));
  cleanup.add("temporary files", () => rm(work, { recursive: true, force: true }));
  const scriptPath = join(work, "post.lua");
  await writeWrkScript(scriptPath, sampleRequest());
  progress(`starting the SageMaker emulator (${options.latencyMs} ms per control-plane call)`);
  const controlPlane = await startControlPlane(options.latencyMs, cleanup);
  return {
    work,
    controlPlane,
    load: { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: WARMUP_SECONDS, scriptPath },
    container: (name, ttlSeconds, o = {}) => {
      const env: Record<string, string> = { ...containerEnvironment(controlPlane.url, ttlSeconds, MODEL_DIR), SAGEMAKER_MODEL_SERVER_WORKERS: String(o.workers ?? 1) };
      for (const [key, value] of Object.entries(o.env ?? {})) {
        if (value === undefined) delete env[key];
        else env[key] = value;
      }
      return { name, script: o.script ?? BUNDLE, args: ["serve"], nodeArgs: o.nodeArgs ?? [], env, cpus: o.cpus };
    },
  };
}

/** Worker counts 1..max. */
function workerCounts(max: number): number[] {
  return Array.from({ length: max }, (_, i) => i + 1);
}

async function measure(options: BenchOptions, cleanup: Cleanup, signal: AbortSignal): Promise<void> {
  const date = new Date().toISOString();
  const machine = machineInfo();
  progress(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAverageAtStart} at start`);
  const { work, controlPlane, load, container } = await prepare(options, cleanup);
  const bareScript = join(work, "bare-server.js");
  await bundleForNode(join(ROOT, "bench", "bare-server.ts"), bareScript);
  const tagsFile = join(work, "tags.json");
  await writeFile(tagsFile, JSON.stringify(USER_TAGS));

  // One process each on its own core, wrk on the other: the ratios between single-process servers
  // compare servers, not how the scheduler splits one core between the server and the load generator.
  const pinned = machine.cores >= 2;
  const server = pinned ? "1" : undefined;
  const wrk = pinned ? "0" : undefined;
  const pinning = pinned
    ? "Single-process scenarios (bare, tags off, ours, seed): server pinned to CPU 1 and wrk to CPU 0 (taskset). " +
      "Worker scenarios (ours and peer xN) and the throttled pair: nothing pinned, the servers share every core with wrk."
    : "One CPU: nothing pinned; the servers share it with wrk.";
  const bare: ServerSpec = {
    name: "bare",
    script: bareScript,
    env: { SM_MODEL_DIR: MODEL_DIR, BARE_TAGS: JSON.stringify(USER_TAGS), SAGEMAKER_ENDPOINT_NAME: "tagged-endpoint-bench" },
  };
  const ours = container("ours", DEFAULT_TTL_SECONDS);

  progress("ours: reading idle RSS and capturing the sample handler's response");
  const first = await startServer(ours, cleanup);
  await new Promise((done) => setTimeout(done, IDLE_SETTLE_MS));
  const idle = await readProcMemory(first.pid);
  const captured = await captureFreshResponse(first.url, sampleRequest());
  await first.stop();
  const responseBodyBytes = Buffer.from(captured.bodyBase64, "base64").length;
  progress(`ours: idle RSS ${(idle.rssBytes / 1e6).toFixed(1)} MB; response ${responseBodyBytes} B`);

  progress(`cold starts: ${COLD_START_SPAWNS} spawns each of ours (one process) and the bare server`);
  const coldStart = await measureColdStarts({ ours, bare }, COLD_START_SPAWNS, cleanup, signal);

  const one = (spec: ServerSpec, ping = false): ScenarioServer => ({ spec: { ...spec, cpus: server }, workers: 1, wrkCpus: wrk, ping });
  const run = (s: ScenarioServer): Promise<ScenarioResult> => runScenario(s, load, controlPlane, cleanup, signal);
  const counts = workerCounts(options.maxWorkers);
  const oursWorkers: Record<string, ScenarioResult> = {};
  const peerWorkers: Record<string, ScenarioResult> = {};
  const single = {
    bare: await run(one(bare)),
    oursTagsOff: await run(one(container("ours, tags off", DEFAULT_TTL_SECONDS, { env: { AWS_REGION: undefined } }))),
    ours: await run(one(ours)),
    seed: await run(one(container("seed: per-request lookup", 0))),
  };
  for (const n of counts) {
    const spec = container(`ours x${n}`, WORKER_TTL_SECONDS, { workers: n });
    oursWorkers[n] = await run({ spec, workers: n, ping: n === counts.at(-1) });
  }
  for (const n of counts) {
    const spec: ServerSpec = {
      name: `peer x${n}`,
      script: "",
      command: ["gunicorn", "--workers", String(n), "--bind", "127.0.0.1:{port}", "--chdir", PEER_DIR, "--log-level", "warning", "app:app"],
      env: { SM_MODEL_DIR: MODEL_DIR, PEER_TAGS_FILE: tagsFile, SAGEMAKER_ENDPOINT_NAME: "tagged-endpoint-bench" },
    };
    peerWorkers[n] = await run({ spec, workers: n });
  }

  controlPlane.setThrottle({});
  const throttle = controlPlane.throttle().settings ?? { ratePerSecond: NaN, burst: NaN };
  progress(`throttling the control plane (${throttle.ratePerSecond} calls/s per operation, burst ${throttle.burst}): seed and ours at once`);
  const required = { TAGS_REQUIRED: "true" };
  const [throttledSeed, throttledOurs] = await runScenarioGroup(
    [
      { spec: container("seed under throttling", 0, { workers: THROTTLED_SEED_WORKERS, env: required }), workers: THROTTLED_SEED_WORKERS },
      { spec: container("ours under throttling", THROTTLED_TTL_SECONDS, { env: required }), workers: 1 },
    ],
    load,
    controlPlane,
    cleanup,
    signal,
  );
  const throttledCalls = controlPlane.throttle().throttledCalls;
  controlPlane.setThrottle(null);

  const soak =
    options.soakMinutes === undefined
      ? null
      : await runSoak(ours, { ...SOAK, minutes: options.soakMinutes, scriptPath: load.scriptPath }, cleanup, signal);
  const burst = await runBurst(ours, DEFAULT_BURST, cleanup);
  const drain = await runDrain(ours, DEFAULT_DRAIN, sampleRequest(), cleanup);
  const footprint = await measureFootprint(BUNDLE, MODEL_DIR);
  progress("the tag path alone, in this process");
  const tagPath = await measureTagPath();

  const scenarios: Scenarios = { ...single, oursWorkers, peerWorkers, throttled: { seed: throttledSeed, ours: throttledOurs } };
  const failed = (r: ScenarioResult): number => r.errors + r.non2xx;
  const seedRequests = throttledSeed.ok + failed(throttledSeed);
  const results: BenchResults = {
    date,
    machine: { ...machine, loadAverageAtEnd: Math.round(loadavg()[0] * 100) / 100 },
    settings: {
      durationSeconds: options.durationSeconds,
      warmupSeconds: WARMUP_SECONDS,
      connections: options.connections,
      controlPlaneLatencyMs: options.latencyMs,
      workerTtlSeconds: WORKER_TTL_SECONDS,
      pinning,
      coldStartSpawns: COLD_START_SPAWNS,
      requestBodyBytes: Buffer.byteLength(sampleRequest().body),
      responseBodyBytes,
    },
    scenarios,
    controlPlaneCallsPerTtl: callsPerTtl(oursWorkers, WORKER_TTL_SECONDS),
    seedUnderThrottling: {
      throttle,
      seedFailed: failed(throttledSeed),
      seedRequests,
      seedFailureRate: seedRequests > 0 ? failed(throttledSeed) / seedRequests : NaN,
      oursFailed: failed(throttledOurs),
      oursRequests: throttledOurs.ok + failed(throttledOurs),
      throttledCalls,
    },
    pingP99MsUnderLoad: oursWorkers[String(counts.at(-1))]?.ping?.latencyMs.p99 ?? NaN,
    tagPath,
    coldStart,
    footprint: { ...footprint, idleRssBytes: idle.rssBytes },
    soak,
    ratios: computeRatios(scenarios, coldStart),
  };
  const file: ResultsFile & BurstAndDrain = { ...results, targets: evaluateTargets(results), burst, drain };
  await writeResults(RESULTS_FILE, file);
  await writeFile(CHART_FILE, renderResultsChart(file));
  progress(`wrote ${RESULTS_FILE} and ${CHART_FILE}`);
  if (options.updateReadme) {
    await writeFile(README, replaceBetweenMarkers(await readFile(README, "utf8"), renderResultsTable(file)));
    progress("updated the results tables in docs/bench.md");
  }
  for (const t of file.targets) {
    progress(`${t.met === null ? "printed" : t.met ? "met   " : "MISSED"}  ${t.name}: ${t.measured} (target ${t.target})`);
  }
}

/** The burst and drain figures a default run adds to bench/results.json. */
interface BurstAndDrain {
  /** The burst scenario (see bench/burst.ts). */
  burst: BurstResult;
  /** The drain scenario (see bench/drain.ts). */
  drain: DrainResult;
}

/** `--only burst|drain`: that scenario alone against ours, figures printed, no results written. */
async function only(scenario: "burst" | "drain", options: BenchOptions, cleanup: Cleanup): Promise<void> {
  const { container } = await prepare(options, cleanup);
  const ours = container("ours", DEFAULT_TTL_SECONDS);
  const result = scenario === "burst" ? await runBurst(ours, DEFAULT_BURST, cleanup) : await runDrain(ours, DEFAULT_DRAIN, sampleRequest(), cleanup);
  console.log(JSON.stringify(result, null, 2));
}

async function profile(dir: string, options: BenchOptions, cleanup: Cleanup, signal: AbortSignal): Promise<void> {
  const { work, controlPlane, load, container } = await prepare(options, cleanup);
  const script = join(work, "serve-unminified.js");
  await bundleForNode(join(ROOT, "container", "src", "main.ts"), script);
  const cpuProfDir = resolve(dir);
  progress(`profiling ours (unminified bundle) into ${cpuProfDir}; the figures below carry the profiler's overhead`);
  const spec = container("ours", DEFAULT_TTL_SECONDS, { script, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] });
  await runScenario({ spec, workers: 1 }, load, controlPlane, cleanup, signal);
  const { path, profile: cpuProfile } = await readNewestProfile(cpuProfDir);
  progress(`top ${PROFILE_TOP} functions by self time in ${path} (its whole life: start-up, warm-up and load):`);
  for (const f of topSelfTime(cpuProfile, PROFILE_TOP)) {
    progress(`${f.percent.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.location}`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    console.error(`bench: ${err.message}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const cleanup = new Cleanup();
  const abort = new AbortController();
  const interrupt = (signalName: string): void => {
    if (abort.signal.aborted) return;
    progress(`${signalName}: stopping everything the bench started`);
    abort.abort();
    void cleanup.runAll().then(() => process.exit(130));
  };
  process.once("SIGINT", () => interrupt("SIGINT"));
  process.once("SIGTERM", () => interrupt("SIGTERM"));
  try {
    if (options.only !== undefined) await only(options.only, options, cleanup);
    else if (options.cpuProfileDir === undefined) await measure(options, cleanup, abort.signal);
    else await profile(options.cpuProfileDir, options, cleanup, abort.signal);
    progress(`done in ${elapsedSeconds().toFixed(0)} s`);
    return 0;
  } catch (err) {
    if (abort.signal.aborted) return 130;
    console.error(`bench: ${(err as Error).message}`);
    return 1;
  } finally {
    await cleanup.runAll();
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
