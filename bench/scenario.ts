// One load scenario: spawn the server, warm it up, measure it under load (throughput, latency,
// errors, control-plane calls, peak RSS), stop it.
import { Cleanup } from "./cleanup";
import { diffCalls } from "./call-counts";
import type { ControlPlane } from "./control-plane";
import { formatInteger } from "./format";
import { runLoad } from "./load";
import { progress } from "./progress";
import { ScenarioResult } from "./results-file";
import { readProcMemory } from "./rss";
import { SampleRequest } from "./sample-request";
import { ServerSpec, startServer } from "./server-process";

/** What every scenario shares. */
export interface LoadSettings {
  /** Concurrent connections. */
  connections: number;
  /** Seconds of measured load. */
  durationSeconds: number;
  /** Seconds of unmeasured load before it. */
  warmupSeconds: number;
  /** The request sent. */
  sample: SampleRequest;
}

/** Runs one scenario against a freshly spawned server. */
export async function runScenario(
  server: ServerSpec,
  settings: LoadSettings,
  controlPlane: ControlPlane,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<ScenarioResult> {
  const callsAtSpawn = controlPlane.calls();
  const spawnedAt = performance.now();
  const running = await startServer(server, cleanup);
  try {
    const load = { url: `${running.url}/invocations`, connections: settings.connections, body: settings.sample.body, headers: settings.sample.headers, signal };
    progress(`${server.name}: ready in ${running.readyMs.toFixed(0)} ms; warming up for ${settings.warmupSeconds} s`);
    await runLoad({ ...load, durationSeconds: settings.warmupSeconds });
    signal.throwIfAborted();
    const callsBeforeLoad = controlPlane.calls();
    let second = 0;
    const result = await runLoad({
      ...load,
      durationSeconds: settings.durationSeconds,
      onTick: (completed) => {
        if (++second % 5 === 0 && second < settings.durationSeconds) {
          progress(`${server.name}: ${second}/${settings.durationSeconds} s, ${formatInteger(completed)} req in the last second`);
        }
      },
    });
    signal.throwIfAborted();
    const callsAfterLoad = controlPlane.calls();
    const memory = await readProcMemory(running.pid);
    const scenario: ScenarioResult = {
      ...result,
      peakRssBytes: memory.peakRssBytes,
      controlPlaneCalls: diffCalls(callsAtSpawn, callsAfterLoad),
      controlPlaneCallsDuringLoad: diffCalls(callsBeforeLoad, callsAfterLoad),
      observedSeconds: (performance.now() - spawnedAt) / 1000,
    };
    progress(
      `${server.name}: ${formatInteger(scenario.requestsPerSecond)} req/s, p50 ${scenario.latencyMs.p50.toFixed(2)} ms, ` +
        `p99 ${scenario.latencyMs.p99.toFixed(2)} ms, ${scenario.errors + scenario.non2xx} errors/non-2xx, ` +
        `${scenario.controlPlaneCalls.total} control-plane calls, peak RSS ${(scenario.peakRssBytes / 1e6).toFixed(1)} MB`,
    );
    return scenario;
  } finally {
    await running.stop();
  }
}
