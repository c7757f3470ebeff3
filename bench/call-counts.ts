// Control-plane calls a part of the run caused: the difference of two readings of the emulator's counters.
import type { CallCounts } from "../local/emulator";

/** The calls made between two readings of the counters (operations without new calls left out). */
export function diffCalls(before: CallCounts, after: CallCounts): CallCounts {
  const byOperation: Record<string, number> = {};
  for (const [operation, count] of Object.entries(after.byOperation)) {
    const delta = count - (before.byOperation[operation] ?? 0);
    if (delta > 0) byOperation[operation] = delta;
  }
  return { total: after.total - before.total, byOperation };
}
