import assert from "node:assert/strict";
import { CpuProfile, topSelfTime } from "../../bench/cpu-profile";

const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber, columnNumber: 4 });

describe("bench CPU profile summary", () => {
  it("adds up the time of every sample per function (nodes of the same function merged) and ranks by it", () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", "", -1) },
        { id: 2, callFrame: frame("outputFn", "file:///opt/program/serve.js", 9) },
        { id: 3, callFrame: frame("outputFn", "file:///opt/program/serve.js", 9) },
        { id: 4, callFrame: frame("", "node:internal/timers", 365) },
      ],
      samples: [2, 4, 3, 2, 1],
      timeDeltas: [1000, 500, 2000, 1000, 500],
    };
    assert.deepEqual(topSelfTime(profile, 2), [
      { location: "outputFn serve.js:10:5", selfMs: 4, percent: 80 },
      { location: "(anonymous) timers:366:5", selfMs: 0.5, percent: 10 },
    ]);
  });
});
