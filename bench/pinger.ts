// /ping latency while the server is under load: one GET /ping every interval on a keep-alive
// connection of its own (as SageMaker's health check would arrive beside the traffic), each timed.
import { Agent, request } from "node:http";
import { summarizeDurations, type DurationSummary } from "./durations";

/** Milliseconds between two pings. */
export const PING_INTERVAL_MS = 50;

/** A running pinger; `stop` ends it and summarises the latencies (a failed ping counts as a failure, not a latency). */
export interface Pinger {
  /** Stops pinging and resolves with the latencies and the failures. */
  stop(): Promise<{ latencyMs: DurationSummary; failures: number }>;
}

/** Starts pinging `baseUrl`/ping. */
export function startPinger(baseUrl: string, intervalMs = PING_INTERVAL_MS): Pinger {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let failures = 0;
  let stopped = false;
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = request(`${baseUrl}/ping`, { agent, timeout: 5000 }, (res) => {
        res.resume();
        res.once("end", () => {
          if (res.statusCode === 200) latencies.push(performance.now() - started);
          else failures += 1;
          resolve();
        });
      });
      req.once("timeout", () => req.destroy(new Error("timeout")));
      req.once("error", () => {
        failures += 1;
        resolve();
      });
      req.end();
    });
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      await once();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (performance.now() - started))));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      agent.destroy();
      return { latencyMs: summarizeDurations(latencies), failures };
    },
  };
}
