// The shape of bench/results.json and its writer (not named results.ts: require("./results") would load the JSON).
import { writeFile } from "node:fs/promises";
import type { CallCounts } from "../local/emulator";
import { DurationSummary } from "./durations";
import { Footprint } from "./footprint";
import { MachineInfo } from "./machine";
import { RssSample } from "./rss";
import type { TagPathCost } from "./tag-path";
import type { WrkResult } from "./wrk";

/** Figures of one server under one wrk load. */
export interface ScenarioResult extends WrkResult {
  /** Server processes serving (1 = one process; N = a primary and N workers, or gunicorn's master and N workers). */
  workers: number;
  /** CPUs the server was pinned to with taskset; null when not pinned. */
  serverCpus: string | null;
  /** CPUs wrk was pinned to; null when not pinned. */
  wrkCpus: string | null;
  /** User + system CPU seconds of the server's processes (all of them) during the measured load. */
  cpuSeconds: number;
  /** cpuSeconds per answered request, in ms. */
  cpuMsPerRequest: number;
  /** RSS of all the server's processes at the end of the load, in bytes. */
  rssBytes: number;
  /** Control-plane calls from the server's spawn to the end of its load, warm-up included. */
  controlPlaneCalls: CallCounts;
  /** Control-plane calls during the measured load only. */
  controlPlaneCallsDuringLoad: CallCounts;
  /** Seconds from the server's spawn to the end of its measured load. */
  observedSeconds: number;
  /** `GET /ping` latency beside the load (one ping per 50 ms), or null when not measured. */
  ping: { latencyMs: DurationSummary; failures: number } | null;
}

/** Every load scenario of a run (same duration and connections for each). */
export interface Scenarios {
  /** Bare node:http server running the sample handler's parse -> predict -> encode: the limit for this runtime. */
  bare: ScenarioResult;
  /** The container (one process) with tag reading off. */
  oursTagsOff: ScenarioResult;
  /** The container (one process) reading its tags (default TTL). */
  ours: ScenarioResult;
  /** The per-request lookup (TTL 0: Describe chain + ListTags on every invocation), one process. */
  seed: ScenarioResult;
  /** The container with N workers, by N (TTL `workerTtlSeconds`, so refreshes happen during the load). */
  oursWorkers: Record<string, ScenarioResult>;
  /** Flask behind gunicorn with N sync workers, by N. */
  peerWorkers: Record<string, ScenarioResult>;
  /** Seed and ours at the same time against one throttled account (TAGS_REQUIRED=true for both). */
  throttled: { seed: ScenarioResult; ours: ScenarioResult };
}

/** Spawn-to-first-`/ping`-200 times of one server, in ms. */
export interface ColdStartResult extends DurationSummary {
  /** Every spawn's time, in spawn order. */
  samplesMs: number[];
}

/** Cold starts of the two servers. */
export interface ColdStarts {
  /** The bundled container, one process (`node container/dist/serve.js serve`). */
  ours: ColdStartResult;
  /** The bare node:http server. */
  bare: ColdStartResult;
}

/** Endurance run (only with --soak-minutes). */
export interface SoakResult {
  /** Minutes of measured load. */
  minutes: number;
  /** Connections wrk kept busy. */
  connections: number;
  /** 2xx responses per second achieved. */
  requestsPerSecond: number;
  /** 2xx responses. */
  ok: number;
  /** RSS at the start of the soak (median of its first tenth, after warm-up), in bytes. */
  rssStartBytes: number;
  /** RSS at the end of the soak (median of its last tenth), in bytes. */
  rssEndBytes: number;
  /** (end - start) / start * 100. */
  rssGrowthPercent: number;
  /** Highest RSS of the server over its life (VmHWM), in bytes. */
  peakRssBytes: number;
  /** Socket errors plus non-2xx responses. */
  errors: number;
  /** Latency percentiles, in ms. */
  latencyMs: DurationSummary;
  /** RSS readings over the soak. */
  rssSamples: RssSample[];
}

/** The headline ratios (the camelCase keys are part of the contract). */
export interface Ratios {
  /** ours req/s over ours-tags-off req/s; target >= 0.97. */
  tagTax: number;
  /** ours p99 minus ours-tags-off p99, in ms; target <= 0.3. */
  tagTaxP99Ms: number;
  /** ours req/s over bare req/s; target >= 0.85. */
  oursOverBare: number;
  /** ours over peer req/s at the largest equal worker count; target >= 4. */
  oursOverPeer: number;
  /** ours over peer req/s at each equal worker count. */
  oursOverPeerByWorkers: Record<string, number>;
  /** ours req/s over the per-request lookup's. */
  oursOverSeed: number;
  /** Throughput at N workers / (N x throughput at 1), by N. */
  workerScaling: Record<string, number>;
  /** Median cold start of ours over the bare server's. */
  coldStartOursOverBare: number;
}

/** Failed invocations of the seed and of ours, at the same time against one throttled account. */
export interface ThrottlingOutcome {
  /** The bucket: calls per second per operation, and its size. */
  throttle: { ratePerSecond: number; burst: number };
  /** Seed invocations that failed (non-2xx or socket error). */
  seedFailed: number;
  /** Seed invocations answered. */
  seedRequests: number;
  /** seedFailed / seedRequests. */
  seedFailureRate: number;
  /** Ours invocations that failed. */
  oursFailed: number;
  /** Ours invocations answered. */
  oursRequests: number;
  /** Control-plane calls the emulator refused with ThrottlingException during the run. */
  throttledCalls: number;
}

/** Everything one bench run measured: the content of bench/results.json. */
export interface BenchResults {
  /** When the run started, ISO 8601. */
  date: string;
  /** Where it ran. */
  machine: MachineInfo & {
    /** 1-minute load average when the run ended. */
    loadAverageAtEnd: number;
  };
  /** The settings every scenario shared. */
  settings: {
    /** Seconds of measured load per scenario. */
    durationSeconds: number;
    /** Seconds of unmeasured warm-up load before each scenario. */
    warmupSeconds: number;
    /** Concurrent connections. */
    connections: number;
    /** Latency the emulator added to every control-plane call, in ms. */
    controlPlaneLatencyMs: number;
    /** Tag cache TTL of the worker scenarios, in seconds (short, so refreshes happen under load). */
    workerTtlSeconds: number;
    /** How servers and wrk were pinned, in words. */
    pinning: string;
    /** Spawns per server for the cold-start figures. */
    coldStartSpawns: number;
    /** Request body bytes sent to /invocations. */
    requestBodyBytes: number;
    /** Response body bytes the sample handler answered. */
    responseBodyBytes: number;
  };
  /** Load scenarios. */
  scenarios: Scenarios;
  /** Control-plane calls per TTL window during the measured load, by worker count. */
  controlPlaneCallsPerTtl: Record<string, number>;
  /** The per-request lookup against ours under the throttling knob. */
  seedUnderThrottling: ThrottlingOutcome;
  /** /ping p99 (ms) beside the saturating load on ours with the most workers. */
  pingP99MsUnderLoad: number;
  /** CPU of the tag path alone (cache read, view, response, JSON) per invocation, tags on and off. */
  tagPath: TagPathCost;
  /** Cold starts of ours (bundle) and the bare server. */
  coldStart: ColdStarts;
  /** What the image ships for the server, and the server's idle RSS. */
  footprint: Footprint & {
    /** RSS of ours (one process) once started and its tags loaded, before any invocation, in bytes. */
    idleRssBytes: number;
  };
  /** Endurance figures, or null when --soak-minutes was not given. */
  soak: SoakResult | null;
  /** Headline ratios. */
  ratios: Ratios;
}

/** One target beside its measured value. */
export interface TargetCheck {
  /** What is measured. */
  name: string;
  /** The target, as text. */
  target: string;
  /** The measured value, as text. */
  measured: string;
  /** Whether the target is met; null when this run did not measure it. */
  met: boolean | null;
}

/** The content of bench/results.json: the figures and the targets checked against them. */
export type ResultsFile = BenchResults & {
  /** Every target of the issue beside its measured value. */
  targets: TargetCheck[];
};

/** Writes the results as indented JSON with a trailing newline (NaN, a ratio that could not be computed, becomes null). */
export async function writeResults(path: string, results: ResultsFile): Promise<void> {
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}
