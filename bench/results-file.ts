// The shape of bench/results.json and its writer (not named results.ts: require("./results") would load the JSON).
import { writeFile } from "node:fs/promises";
import type { CallCounts } from "../local/emulator";
import { DurationSummary } from "./durations";
import { Footprint } from "./footprint";
import { LoadResult } from "./load";
import { MachineInfo } from "./machine";
import { RssSample } from "./rss";

/** Figures of one load scenario (ceiling, ours, per-request lookup). */
export interface ScenarioResult extends LoadResult {
  /** Highest RSS of the server process over its life (VmHWM), in bytes. */
  peakRssBytes: number;
  /** Control-plane calls from the server's spawn to the end of its load, warm-up included. */
  controlPlaneCalls: CallCounts;
  /** Control-plane calls during the measured load only. */
  controlPlaneCallsDuringLoad: CallCounts;
  /** Seconds from the server's spawn to the end of its measured load: the span controlPlaneCalls covers. */
  observedSeconds: number;
}

/** The three load scenarios, run with the same duration, connections and request. */
export interface Scenarios {
  /** Bare node:http server answering the container's captured response bytes. */
  ceiling: ScenarioResult;
  /** The bundled container with its default tag cache TTL. */
  ours: ScenarioResult;
  /** The same container with TAG_CACHE_TTL_SECONDS=0: Describe chain + ListTags on every request. */
  per_request_lookup: ScenarioResult;
}

/** Spawn-to-first-`/ping`-200 times of one server, in ms. */
export interface ColdStartResult extends DurationSummary {
  /** Every spawn's time, in spawn order. */
  samplesMs: number[];
}

/** Cold starts of the two servers. */
export interface ColdStarts {
  /** The bundled container (`node container/dist/serve.js serve`). */
  ours: ColdStartResult;
  /** The bare node:http server. */
  bare: ColdStartResult;
}

/** Control-plane cost of the tag cache, derived from the ours scenario. */
export interface ControlPlaneWindow {
  /** Resources whose tags the container reads (endpoint, endpoint config, model). */
  resources: number;
  /** The container's tag cache TTL in the ours scenario, in seconds. */
  ttlSeconds: number;
  /** Seconds from the ours server's spawn to the end of its load; one TTL window when below ttlSeconds. */
  observedSeconds: number;
  /** Calls per resource over a 60 s run with a 60 s TTL (one TTL window), or null when the ours run spanned more than one window. */
  callsPerResourceIn60sAtTtl60: number | null;
}

/** Endurance run at a steady rate (only with --soak-minutes). */
export interface SoakResult {
  /** Minutes of measured load. */
  minutes: number;
  /** Requests per second asked of autocannon. */
  targetRequestsPerSecond: number;
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
  /** Connection errors plus non-2xx responses. */
  errors: number;
  /** Latency percentiles of the 2xx responses, in ms. */
  latencyMs: DurationSummary;
  /** RSS readings over the soak. */
  rssSamples: RssSample[];
}

/** The headline ratios (the keys are part of the contract). */
export interface Ratios {
  /** ours req/s over ceiling req/s; target >= 0.85. */
  ours_over_ceiling_throughput: number;
  /** ours req/s over per-request-lookup req/s; target >= 50. */
  ours_over_per_request_lookup_throughput: number;
  /** Median cold start of ours over the bare server's; target <= 1.5. */
  cold_start_ours_over_bare: number;
  /** ours p99 latency minus ceiling p99, in ms; target <= 1. */
  p99_ours_minus_ceiling_ms: number;
}

/** Everything one bench run measured: the content of bench/results.json. */
export interface BenchResults {
  /** When the run started, ISO 8601. */
  date: string;
  /** Where it ran. */
  machine: MachineInfo;
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
    /** Spawns per server for the cold-start figures. */
    coldStartSpawns: number;
    /** Request body bytes sent to /invocations. */
    requestBodyBytes: number;
    /** Response body bytes the sample handler answered (and the ceiling server repeats). */
    responseBodyBytes: number;
  };
  /** Load scenarios. */
  scenarios: Scenarios;
  /** Tag-cache cost on the control plane. */
  controlPlane: ControlPlaneWindow;
  /** Cold starts of ours (bundle) and the bare server. */
  coldStart: ColdStarts;
  /** What the image ships for the server, and the server's idle RSS. */
  footprint: Footprint & {
    /** RSS of ours once started and its tags loaded, before any invocation, in bytes. */
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
