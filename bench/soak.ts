// Endurance: a fresh server under wrk's load (few connections) for minutes, its RSS sampled
// throughout; reports RSS at the start and the end (after a warm-up) and every error.
import { Cleanup } from "./cleanup";
import { percentile } from "./durations";
import { formatInteger } from "./format";
import { progress } from "./progress";
import { SoakResult } from "./results-file";
import { RssSample, RssSampler, readProcMemory } from "./rss";
import { ServerSpec, startServer } from "./server-process";
import { runWrk } from "./wrk";

/** How hard and how long to soak. */
export interface SoakSettings {
  /** Minutes of measured load. */
  minutes: number;
  /** Concurrent connections. */
  connections: number;
  /** Seconds of load before the measured span, not counted. */
  warmupSeconds: number;
  /** The wrk Lua script sending the sample request. */
  scriptPath: string;
}

/** Runs the soak against a freshly spawned server. */
export async function runSoak(server: ServerSpec, settings: SoakSettings, cleanup: Cleanup, signal: AbortSignal): Promise<SoakResult> {
  const running = await startServer(server, cleanup);
  try {
    const load = { url: `${running.url}/invocations`, connections: settings.connections, scriptPath: settings.scriptPath, signal };
    progress(`soak: warming up for ${settings.warmupSeconds} s`);
    await runWrk({ ...load, durationSeconds: settings.warmupSeconds });
    signal.throwIfAborted();
    const sampler = new RssSampler(running.pid, 2000);
    await sampler.sample();
    progress(`soak: ${settings.minutes} min with ${settings.connections} connections`);
    const result = await runWrk({ ...load, durationSeconds: settings.minutes * 60 });
    await sampler.sample();
    const samples = sampler.stop();
    signal.throwIfAborted();
    const memory = await readProcMemory(running.pid);
    const { start, end } = rssAtEnds(samples);
    const soak: SoakResult = {
      minutes: settings.minutes,
      connections: settings.connections,
      requestsPerSecond: result.requestsPerSecond,
      ok: result.ok,
      rssStartBytes: start,
      rssEndBytes: end,
      rssGrowthPercent: ((end - start) / start) * 100,
      peakRssBytes: memory.peakRssBytes,
      errors: result.errors + result.non2xx,
      latencyMs: result.latencyMs,
      rssSamples: samples,
    };
    progress(
      `soak: RSS ${(start / 1e6).toFixed(1)} -> ${(end / 1e6).toFixed(1)} MB (${soak.rssGrowthPercent.toFixed(1)}%), ` +
        `${formatInteger(soak.errors)} errors in ${formatInteger(soak.ok + soak.errors)} requests`,
    );
    return soak;
  } finally {
    await running.stop();
  }
}

/** RSS at the start and the end of a run: the medians of its first and last tenth of samples (at least one each). */
export function rssAtEnds(samples: readonly RssSample[]): { start: number; end: number } {
  if (samples.length === 0) throw new Error("no RSS samples were taken");
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const median = (part: readonly RssSample[]): number => percentile(part.map((s) => s.rssBytes).sort((a, b) => a - b), 50);
  return { start: median(samples.slice(0, tenth)), end: median(samples.slice(-tenth)) };
}
