// The headline ratios, computed from the scenario and cold-start figures.
import { ColdStarts, Ratios, ScenarioResult, Scenarios } from "./results-file";

/** Ratios of ours against tags off, bare, the peer, the seed, itself with more workers, and the bare cold start. */
export function computeRatios(s: Scenarios, coldStart: ColdStarts): Ratios {
  const counts = Object.keys(s.oursWorkers).sort((a, b) => Number(a) - Number(b));
  const oursOverPeerByWorkers = Object.fromEntries(
    counts.filter((n) => s.peerWorkers[n] !== undefined).map((n) => [n, ratio(s.oursWorkers[n].requestsPerSecond, s.peerWorkers[n].requestsPerSecond)]),
  );
  const one = s.oursWorkers["1"]?.requestsPerSecond ?? NaN;
  const workerScaling = Object.fromEntries(counts.map((n) => [n, ratio(s.oursWorkers[n].requestsPerSecond, Number(n) * one)]));
  const largest = counts.at(-1) ?? "1";
  return {
    tagTax: ratio(s.ours.requestsPerSecond, s.oursTagsOff.requestsPerSecond),
    tagTaxP99Ms: s.ours.latencyMs.p99 - s.oursTagsOff.latencyMs.p99,
    oursOverBare: ratio(s.ours.requestsPerSecond, s.bare.requestsPerSecond),
    oursOverPeer: oursOverPeerByWorkers[largest] ?? NaN,
    oursOverPeerByWorkers,
    oursOverSeed: ratio(s.ours.requestsPerSecond, s.seed.requestsPerSecond),
    workerScaling,
    coldStartOursOverBare: ratio(coldStart.ours.p50, coldStart.bare.p50),
  };
}

/** Control-plane calls per TTL window during each worker scenario's measured load. */
export function callsPerTtl(oursWorkers: Record<string, ScenarioResult>, ttlSeconds: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(oursWorkers).map(([n, r]) => [n, r.durationSeconds > 0 ? (r.controlPlaneCallsDuringLoad.total * ttlSeconds) / r.durationSeconds : NaN]),
  );
}

/** a / b, or NaN when b is not a positive number (a run that served nothing has no ratio). */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}
