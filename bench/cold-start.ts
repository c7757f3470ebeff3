// Cold start: the time from spawning a server to its first `GET /ping` 200, over repeated spawns,
// alternating between the servers so that machine noise falls on all of them alike.
import { Cleanup } from "./cleanup";
import { summarizeDurations } from "./durations";
import { progress } from "./progress";
import { ColdStartResult } from "./results-file";
import { ServerSpec, startServer } from "./server-process";

/**
 * Spawns each server `spawns` times (after one unrecorded spawn each, which warms the OS file cache)
 * and summarises the spawn-to-ready times. `/ping` is probed every millisecond.
 */
export async function measureColdStarts<K extends string>(
  servers: Record<K, ServerSpec>,
  spawns: number,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<Record<K, ColdStartResult>> {
  const names = Object.keys(servers) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round <= spawns; round++) {
    for (const name of names) {
      signal.throwIfAborted();
      const server = await startServer(servers[name], cleanup, { pollIntervalMs: 1 });
      await server.stop();
      if (round > 0) samples[name].push(server.readyMs);
    }
  }
  const results = {} as Record<K, ColdStartResult>;
  for (const name of names) {
    results[name] = { ...summarizeDurations(samples[name]), samplesMs: samples[name].map((ms) => Math.round(ms * 100) / 100) };
    progress(`cold start ${name}: median ${results[name].p50.toFixed(1)} ms, p90 ${results[name].p90.toFixed(1)} ms (${spawns} spawns)`);
  }
  return results;
}
