// One closed-loop (or rate-limited) HTTP load run with autocannon's programmatic API, from this
// process over loopback, with each 2xx response time recorded at sub-millisecond resolution.
import autocannon from "autocannon";
import { DurationRecorder, DurationSummary, summarizeDurations } from "./durations";

/** What to send, how hard and for how long. */
export interface LoadSpec {
  /** Target URL, on loopback. */
  url: string;
  /** Concurrent connections. */
  connections: number;
  /** Seconds of load. */
  durationSeconds: number;
  /** HTTP method; default POST. */
  method?: string;
  /** Request body; default none. */
  body?: string;
  /** Request headers; default none. */
  headers?: Record<string, string>;
  /** Requests per second over all connections; default undefined = as fast as the server answers. */
  overallRate?: number;
  /** Ends the run early (the result still comes back, covering the time run so far). */
  signal?: AbortSignal;
  /** Called about once a second with the requests completed in that second. */
  onTick?: (requestsInLastSecond: number) => void;
}

/** What one load run measured. */
export interface LoadResult {
  /** Successful (2xx) responses per second over the run. */
  requestsPerSecond: number;
  /** 2xx responses. */
  ok: number;
  /** Responses with a status outside 2xx. */
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  /** Seconds the run took, as autocannon measured it. */
  durationSeconds: number;
  /** Latency percentiles of the 2xx responses, in ms. */
  latencyMs: DurationSummary;
}

/** Runs the load and resolves with its figures; rejects only if autocannon cannot start. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const recorder = new DurationRecorder();
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    method: spec.method ?? "POST",
    body: spec.body,
    headers: spec.headers,
    overallRate: spec.overallRate,
    timeout: 10,
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    if (statusCode >= 200 && statusCode < 300) recorder.record(responseTimeMs);
  });
  if (spec.onTick) {
    const onTick = spec.onTick;
    instance.on("tick", (tick: { counter: number }) => onTick(tick.counter));
  }
  const stop = (): void => instance.stop();
  spec.signal?.addEventListener("abort", stop, { once: true });
  if (spec.signal?.aborted) stop();
  try {
    const result = await instance;
    return {
      requestsPerSecond: result.duration > 0 ? result["2xx"] / result.duration : 0,
      ok: result["2xx"],
      non2xx: result.non2xx,
      errors: result.errors,
      durationSeconds: result.duration,
      latencyMs: summarizeDurations(recorder.recorded()),
    };
  } finally {
    spec.signal?.removeEventListener("abort", stop);
  }
}
