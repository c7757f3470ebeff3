// Load scenarios: spawn the servers, warm them up, put each under its own wrk load at the same time
// (one server is the usual case), and measure throughput, latency, errors, CPU time of every server
// process, RSS, control-plane calls and optionally /ping latency beside the load; stop them.
import { Cleanup } from "./cleanup";
import { diffCalls } from "./call-counts";
import type { ControlPlane } from "./control-plane";
import { formatInteger } from "./format";
import { startPinger, type Pinger } from "./pinger";
import { processTree, readAllProcStats, treeCpuSeconds } from "./proc-cpu";
import { progress } from "./progress";
import { ScenarioResult } from "./results-file";
import { readProcMemory } from "./rss";
import { ServerSpec, startServer, type RunningServer } from "./server-process";
import { runWrk } from "./wrk";

/** What every scenario shares. */
export interface LoadSettings {
  /** Concurrent connections per server. */
  connections: number;
  /** Seconds of measured load. */
  durationSeconds: number;
  /** Seconds of unmeasured load before it. */
  warmupSeconds: number;
  /** The wrk Lua script sending the sample request. */
  scriptPath: string;
}

/** One server of a scenario. */
export interface ScenarioServer {
  /** How to start it (its `cpus` pins it). */
  spec: ServerSpec;
  /** Server processes serving (for the results). */
  workers: number;
  /** CPUs wrk is pinned to for this server; default not pinned. */
  wrkCpus?: string;
  /** Measure /ping latency beside the load; default false. */
  ping?: boolean;
}

/** Runs one server under load. */
export async function runScenario(
  server: ScenarioServer,
  settings: LoadSettings,
  controlPlane: ControlPlane,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<ScenarioResult> {
  const [result] = await runScenarioGroup([server], settings, controlPlane, cleanup, signal);
  return result;
}

/** Runs several servers, each under its own wrk, at the same time (they share the emulator's account). */
export async function runScenarioGroup(
  servers: readonly ScenarioServer[],
  settings: LoadSettings,
  controlPlane: ControlPlane,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<ScenarioResult[]> {
  const callsAtSpawn = controlPlane.calls();
  const spawnedAt = performance.now();
  const running: RunningServer[] = [];
  try {
    for (const server of servers) running.push(await startServer(server.spec, cleanup));
    const names = servers.map((s) => s.spec.name).join(" + ");
    progress(`${names}: ready; warming up for ${settings.warmupSeconds} s`);
    const load = (i: number, durationSeconds: number) =>
      runWrk({ url: `${running[i].url}/invocations`, scriptPath: settings.scriptPath, connections: settings.connections, durationSeconds, cpus: servers[i].wrkCpus, signal });
    await Promise.all(servers.map((_, i) => load(i, settings.warmupSeconds)));
    const callsBeforeLoad = controlPlane.calls();
    const statsBefore = await readAllProcStats();
    const pingers: (Pinger | null)[] = servers.map((s, i) => (s.ping ? startPinger(running[i].url) : null));
    const results = await Promise.all(servers.map((_, i) => load(i, settings.durationSeconds)));
    const pings = await Promise.all(pingers.map((p) => p?.stop() ?? null));
    const statsAfter = await readAllProcStats();
    const callsAfterLoad = controlPlane.calls();
    const observedSeconds = (performance.now() - spawnedAt) / 1000;
    const scenarios: ScenarioResult[] = [];
    for (const [i, server] of servers.entries()) {
      const pid = running[i].pid;
      const cpuSeconds = treeCpuSeconds(pid, statsAfter) - treeCpuSeconds(pid, statsBefore);
      const answered = results[i].ok + results[i].non2xx;
      const memories = await Promise.all(processTree(pid, statsAfter).map((p) => readProcMemory(p.pid).catch(() => ({ rssBytes: 0 }))));
      const scenario: ScenarioResult = {
        ...results[i],
        workers: server.workers,
        serverCpus: server.spec.cpus ?? null,
        wrkCpus: server.wrkCpus ?? null,
        cpuSeconds,
        cpuMsPerRequest: answered > 0 ? (cpuSeconds * 1000) / answered : NaN,
        rssBytes: memories.reduce((sum, m) => sum + m.rssBytes, 0),
        controlPlaneCalls: diffCalls(callsAtSpawn, callsAfterLoad),
        controlPlaneCallsDuringLoad: diffCalls(callsBeforeLoad, callsAfterLoad),
        observedSeconds,
        ping: pings[i],
      };
      progress(
        `${server.spec.name}: ${formatInteger(scenario.requestsPerSecond)} req/s, p50 ${scenario.latencyMs.p50.toFixed(2)} ms, ` +
          `p99 ${scenario.latencyMs.p99.toFixed(2)} ms, ${scenario.errors + scenario.non2xx} errors/non-2xx, ` +
          `${scenario.cpuMsPerRequest.toFixed(3)} CPU ms/req, ${scenario.controlPlaneCalls.total} control-plane calls` +
          (scenario.ping ? `, /ping p99 ${scenario.ping.latencyMs.p99.toFixed(1)} ms` : ""),
      );
      scenarios.push(scenario);
    }
    return scenarios;
  } finally {
    await Promise.all(running.map((r) => r.stop()));
  }
}
