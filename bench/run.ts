// `npm run bench`: builds the container bundle, starts the SageMaker emulator in this process, then
// measures cold starts, the three load scenarios (ceiling, ours, per-request lookup), an optional soak,
// the burst and drain scenarios and the footprint; writes bench/results.json and the README table. With --cpu-prof it profiles ours
// under load instead. Everything it starts is stopped at the end, on failure and on Ctrl-C.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BenchOptions, parseArgs, USAGE } from "./args";
import { CliError } from "../base/cli-error";
import { buildContainerBundle, bundleForNode } from "./build";
import { captureFreshResponse } from "./capture";
import { BurstResult, DEFAULT_BURST, runBurst } from "./burst";
import { Cleanup } from "./cleanup";
import { measureColdStarts } from "./cold-start";
import { ControlPlane, startControlPlane } from "./control-plane";
import { readNewestProfile, topSelfTime } from "./cpu-profile";
import { containerEnvironment, DEFAULT_TTL_SECONDS, TAGGED_RESOURCES } from "./deployment";
import { DEFAULT_DRAIN, DrainResult, runDrain } from "./drain";
import { measureFootprint } from "./footprint";
import { machineInfo } from "./machine";
import { elapsedSeconds, progress } from "./progress";
import { computeRatios } from "./ratios";
import { renderResultsTable, replaceBetweenMarkers } from "./readme-table";
import { BenchResults, ResultsFile, writeResults } from "./results-file";
import { readProcMemory } from "./rss";
import { sampleRequest } from "./sample-request";
import { LoadSettings, runScenario } from "./scenario";
import { ServerSpec, startServer } from "./server-process";
import { runSoak } from "./soak";
import { evaluateTargets } from "./targets";

const ROOT = resolve(__dirname, "..");
const BUNDLE = join(ROOT, "container", "dist", "serve.js");
const MODEL_DIR = join(ROOT, "container", "model");
const RESULTS_FILE = join(ROOT, "bench", "results.json");
const README = join(ROOT, "docs", "bench.md");

/** Seconds of unmeasured load before each scenario. */
const WARMUP_SECONDS = 3;
/** Recorded spawns per server for the cold-start figures. */
const COLD_START_SPAWNS = 15;
/** Milliseconds a started container is left alone before its idle RSS is read (its tag load takes ~4 control-plane round trips). */
const IDLE_SETTLE_MS = 1500;
/** Steady rate and connections of the soak. */
const SOAK = { requestsPerSecond: 500, connections: 10, warmupSeconds: 20 };
/** Functions listed by a profiling run. */
const PROFILE_TOP = 25;

/** What every mode shares: the built bundle, a scratch directory and the seeded emulator. */
interface Setup {
  /** Scratch directory, removed at the end. */
  work: string;
  /** The emulator the containers read their tags from. */
  controlPlane: ControlPlane;
  /** Load settings shared by the scenarios. */
  load: LoadSettings;
  /** A container spec: the given bundle with the given tag cache TTL. */
  container(name: string, ttlSeconds: number, script?: string, nodeArgs?: string[]): ServerSpec;
}

async function prepare(options: BenchOptions, cleanup: Cleanup): Promise<Setup> {
  progress("building the container bundle (npm run build)");
  await buildContainerBundle(ROOT);
  if (!existsSync(BUNDLE)) throw new Error(`npm run build did not produce ${BUNDLE}`);
  const work = await mkdtemp(join(tmpdir(), "tagged-endpoint-bench-"));
  cleanup.add("temporary files", () => rm(work, { recursive: true, force: true }));
  progress(`starting the SageMaker emulator (${options.latencyMs} ms per control-plane call)`);
  const controlPlane = await startControlPlane(options.latencyMs, cleanup);
  return {
    work,
    controlPlane,
    load: { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: WARMUP_SECONDS, sample: sampleRequest() },
    container: (name, ttlSeconds, script = BUNDLE, nodeArgs = []) => ({
      name,
      script,
      args: ["serve"],
      nodeArgs,
      env: containerEnvironment(controlPlane.url, ttlSeconds, MODEL_DIR),
    }),
  };
}

async function measure(options: BenchOptions, cleanup: Cleanup, signal: AbortSignal): Promise<void> {
  const date = new Date().toISOString();
  const machine = machineInfo();
  progress(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAverageAtStart} at start`);
  const { work, controlPlane, load, container } = await prepare(options, cleanup);
  const bareScript = join(work, "bare-server.js");
  await bundleForNode(join(ROOT, "bench", "bare-server.ts"), bareScript);
  const ours = container("ours", DEFAULT_TTL_SECONDS);
  const lookup = container("per-request lookup", 0);
  const responseFile = join(work, "response.json");
  const ceiling: ServerSpec = { name: "ceiling", script: bareScript, env: { BARE_RESPONSE_FILE: responseFile } };

  progress("ours: reading idle RSS and capturing the sample handler's response");
  const first = await startServer(ours, cleanup);
  await new Promise((done) => setTimeout(done, IDLE_SETTLE_MS));
  const idle = await readProcMemory(first.pid);
  const captured = await captureFreshResponse(first.url, load.sample);
  await first.stop();
  await writeFile(responseFile, JSON.stringify(captured));
  const responseBodyBytes = Buffer.from(captured.bodyBase64, "base64").length;
  progress(`ours: idle RSS ${(idle.rssBytes / 1e6).toFixed(1)} MB; response ${responseBodyBytes} B`);

  progress(`cold starts: ${COLD_START_SPAWNS} spawns each of ours and the bare server`);
  const coldStart = await measureColdStarts({ ours, bare: ceiling }, COLD_START_SPAWNS, cleanup, signal);

  const scenarios = {
    ceiling: await runScenario(ceiling, load, controlPlane, cleanup, signal),
    ours: await runScenario(ours, load, controlPlane, cleanup, signal),
    per_request_lookup: await runScenario(lookup, load, controlPlane, cleanup, signal),
  };
  const soak =
    options.soakMinutes === undefined
      ? null
      : await runSoak(ours, { ...SOAK, minutes: options.soakMinutes, sample: load.sample }, cleanup, signal);
  const burst = await runBurst(ours, DEFAULT_BURST, cleanup);
  const drain = await runDrain(ours, DEFAULT_DRAIN, load.sample, cleanup);
  const footprint = await measureFootprint(BUNDLE, MODEL_DIR);

  const oneWindow = scenarios.ours.observedSeconds <= DEFAULT_TTL_SECONDS;
  const results: BenchResults = {
    date,
    machine,
    settings: {
      durationSeconds: options.durationSeconds,
      warmupSeconds: WARMUP_SECONDS,
      connections: options.connections,
      controlPlaneLatencyMs: options.latencyMs,
      coldStartSpawns: COLD_START_SPAWNS,
      requestBodyBytes: Buffer.byteLength(load.sample.body),
      responseBodyBytes,
    },
    scenarios,
    controlPlane: {
      resources: TAGGED_RESOURCES,
      ttlSeconds: DEFAULT_TTL_SECONDS,
      observedSeconds: scenarios.ours.observedSeconds,
      callsPerResourceIn60sAtTtl60: oneWindow ? scenarios.ours.controlPlaneCalls.total / TAGGED_RESOURCES : null,
    },
    coldStart,
    footprint: { ...footprint, idleRssBytes: idle.rssBytes },
    soak,
    ratios: computeRatios(scenarios, coldStart),
  };
  const file: ResultsFile & BurstAndDrain = { ...results, targets: evaluateTargets(results), burst, drain };
  await writeResults(RESULTS_FILE, file);
  progress(`wrote ${RESULTS_FILE}`);
  if (options.updateReadme) {
    await writeFile(README, replaceBetweenMarkers(await readFile(README, "utf8"), renderResultsTable(file)));
    progress("updated the results table in docs/bench.md");
  }
  for (const t of file.targets) {
    progress(`${t.met === null ? "not measured" : t.met ? "met   " : "MISSED"}  ${t.name}: ${t.measured} (target ${t.target})`);
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
  const { load, container } = await prepare(options, cleanup);
  const ours = container("ours", DEFAULT_TTL_SECONDS);
  const result = scenario === "burst" ? await runBurst(ours, DEFAULT_BURST, cleanup) : await runDrain(ours, DEFAULT_DRAIN, load.sample, cleanup);
  console.log(JSON.stringify(result, null, 2));
}

async function profile(dir: string, options: BenchOptions, cleanup: Cleanup, signal: AbortSignal): Promise<void> {
  const { work, controlPlane, load, container } = await prepare(options, cleanup);
  const script = join(work, "serve-unminified.js");
  await bundleForNode(join(ROOT, "container", "src", "main.ts"), script);
  const cpuProfDir = resolve(dir);
  progress(`profiling ours (unminified bundle) into ${cpuProfDir}; the figures below carry the profiler's overhead`);
  await runScenario(container("ours", DEFAULT_TTL_SECONDS, script, ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`]), load, controlPlane, cleanup, signal);
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
