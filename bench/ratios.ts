// The headline ratios, computed from the scenario and cold-start figures.
import { ColdStarts, Ratios, Scenarios } from "./results-file";

/** Ratios of ours against the ceiling, the per-request lookup and the bare server's cold start. */
export function computeRatios(scenarios: Scenarios, coldStart: ColdStarts): Ratios {
  return {
    ours_over_ceiling_throughput: ratio(scenarios.ours.requestsPerSecond, scenarios.ceiling.requestsPerSecond),
    ours_over_per_request_lookup_throughput: ratio(
      scenarios.ours.requestsPerSecond,
      scenarios.per_request_lookup.requestsPerSecond,
    ),
    cold_start_ours_over_bare: ratio(coldStart.ours.p50, coldStart.bare.p50),
    p99_ours_minus_ceiling_ms: scenarios.ours.latencyMs.p99 - scenarios.ceiling.latencyMs.p99,
  };
}

/** a / b, or NaN when b is not a positive number (a run that served nothing has no ratio). */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}
