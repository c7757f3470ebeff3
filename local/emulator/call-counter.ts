/** Counts of the control-plane calls an emulator received, in total and per operation. */

/** A reading of the counters (the shape of `GET /_emulator/calls`). */
export interface CallCounts {
  /** All calls together. */
  total: number;
  /** Calls per operation name, e.g. `{"DescribeEndpoint": 1, "ListTags": 3}`. */
  byOperation: Record<string, number>;
}

/** Per-operation call counters. */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  /** Counts one call of `operation`. */
  record(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  /** Calls of `operation`, or of all operations when undefined. */
  count(operation?: string): number {
    if (operation !== undefined) return this.counts.get(operation) ?? 0;
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }

  /** The counters now. */
  snapshot(): CallCounts {
    return { total: this.count(), byOperation: Object.fromEntries(this.counts) };
  }

  /** Sets every counter back to zero. */
  reset(): void {
    this.counts.clear();
  }
}
