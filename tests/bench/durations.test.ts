import assert from "node:assert/strict";
import { percentile, summarizeDurations } from "../../bench/durations";

describe("bench durations", () => {
  it("uses nearest-rank percentiles", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.equal(percentile(sorted, 50), 5);
    assert.equal(percentile(sorted, 90), 9);
    assert.equal(percentile(sorted, 99), 10);
    assert.equal(percentile([7], 1), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it("summarises unsorted sub-millisecond values without rounding them", () => {
    const summary = summarizeDurations([0.42, 0.31, 2.5, 0.35, 0.38]);
    assert.deepEqual(summary, { p50: 0.38, p90: 2.5, p99: 2.5, max: 2.5, mean: (0.42 + 0.31 + 2.5 + 0.35 + 0.38) / 5, count: 5 });
  });
});
