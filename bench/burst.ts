// The burst scenario: many concurrent big invocations at once (SageMaker's 6 MiB limit) while `/ping`
// is probed continuously, as SageMaker's health check would be; reports /ping latency (its timeout is
// 2 s) and how each invocation ended.
import { Cleanup } from "./cleanup";
import { DurationSummary, summarizeDurations } from "./durations";
import { bigInstancesBody, pingContinuously, postInvocation } from "./invocation-client";
import { progress } from "./progress";
import { ServerSpec, startServer } from "./server-process";

/** The shape of a burst. */
export interface BurstSettings {
  /** Invocations sent at once; default run 40. */
  concurrent: number;
  /** Bytes of each request body; default run 6 MiB. */
  requestBytes: number;
  /** Pause between two /ping probes, in ms; default run 50. */
  pingPauseMs: number;
}

/** What one burst measured. */
export interface BurstResult extends BurstSettings {
  /** `/ping` latency (fresh connection each) while the burst ran. */
  pingMs: DurationSummary;
  /** Latency of the invocations answered 200. */
  invocationMs: DurationSummary;
  /** Invocations answered 200. */
  ok: number;
  /** Invocations refused early with 503 (admission queue full). */
  refused: number;
  /** Invocations that ended any other way (status or client error), as "status or code: count". */
  failed: Record<string, number>;
}

/** The default run's burst: 40 concurrent 6 MiB invocations. */
export const DEFAULT_BURST: BurstSettings = { concurrent: 40, requestBytes: 6 * 1024 * 1024, pingPauseMs: 50 };

/** Runs one burst against a freshly spawned `server`. */
export async function runBurst(server: ServerSpec, settings: BurstSettings, cleanup: Cleanup): Promise<BurstResult> {
  const body = bigInstancesBody(settings.requestBytes);
  const running = await startServer(server, cleanup);
  try {
    progress(`burst: ${settings.concurrent} concurrent invocations of ${(body.length / 1024 / 1024).toFixed(1)} MiB, /ping probed meanwhile`);
    const pinger = pingContinuously(running.url, settings.pingPauseMs);
    const outcomes = await Promise.all(Array.from({ length: settings.concurrent }, () => postInvocation(running.url, body, false)));
    const pings = await pinger.stop();
    const failed: Record<string, number> = {};
    const okMs: number[] = [];
    let refused = 0;
    for (const outcome of outcomes) {
      if ("status" in outcome && outcome.status === 200) okMs.push(outcome.ms);
      else if ("status" in outcome && outcome.status === 503) refused += 1;
      else {
        const key = "status" in outcome ? String(outcome.status) : outcome.error;
        failed[key] = (failed[key] ?? 0) + 1;
      }
    }
    const result: BurstResult = { ...settings, pingMs: summarizeDurations(pings), invocationMs: summarizeDurations(okMs), ok: okMs.length, refused, failed };
    progress(
      `burst: /ping p99 ${result.pingMs.p99.toFixed(0)} ms, max ${result.pingMs.max.toFixed(0)} ms (${result.pingMs.count} probes); ` +
        `${result.ok} answered 200 (p50 ${result.invocationMs.p50.toFixed(0)} ms, max ${result.invocationMs.max.toFixed(0)} ms), ` +
        `${refused} refused with 503, ${outcomes.length - result.ok - refused} failed`,
    );
    return result;
  } finally {
    await running.stop();
  }
}
