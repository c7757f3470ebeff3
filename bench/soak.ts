// Endurance: a fresh server under steady, rate-limited load for minutes, its RSS sampled throughout;
// reports RSS at the start and the end (after a warm-up) and every error.
import { Cleanup } from "./cleanup";
import { percentile } from "./durations";
import { formatInteger } from "./format";
import { runLoad } from "./load";
import { progress } from "./progress";
import { SoakResult } from "./results-file";
import { RssSample, RssSampler, readProcMemory } from "./rss";
import { SampleRequest } from "./sample-request";
import { ServerSpec, startServer } from "./server-process";

/** How hard and how long to soak. */
export interface SoakSettings {
  /** Minutes of measured load. */
  minutes: number;
  /** Requests per second over all connections. */
  requestsPerSecond: number;
  /** Concurrent connections. */
  connections: number;
  /** Seconds of load before the measured span, not counted. */
  warmupSeconds: number;
  /** The request sent. */
  sample: SampleRequest;
}

/** Runs the soak against a freshly spawned server. */
export async function runSoak(server: ServerSpec, settings: SoakSettings, cleanup: Cleanup, signal: AbortSignal): Promise<SoakResult> {
  const running = await startServer(server, cleanup);
  try {
    const load = {
      url: `${running.url}/invocations`,
      connections: settings.connections,
      overallRate: settings.requestsPerSecond,
      body: settings.sample.body,
      headers: settings.sample.headers,
      signal,
    };
    progress(`soak: warming up for ${settings.warmupSeconds} s at ${settings.requestsPerSecond} req/s`);
    await runLoad({ ...load, durationSeconds: settings.warmupSeconds });
    signal.throwIfAborted();
    const sampler = new RssSampler(running.pid, 2000);
    await sampler.sample();
    const seconds = settings.minutes * 60;
    let second = 0;
    const result = await runLoad({
      ...load,
      durationSeconds: seconds,
      onTick: () => {
        if (++second % 60 === 0 && second < seconds) progress(`soak: ${second / 60}/${settings.minutes} min`);
      },
    });
    await sampler.sample();
    const samples = sampler.stop();
    signal.throwIfAborted();
    const memory = await readProcMemory(running.pid);
    const { start, end } = rssAtEnds(samples);
    const soak: SoakResult = {
      minutes: settings.minutes,
      targetRequestsPerSecond: settings.requestsPerSecond,
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
