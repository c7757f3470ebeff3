// The weight part of the drift check: SageMaker weights are relative (a variant gets weight / sum of
// weights of the traffic), so the check compares traffic shares, not the numbers as written.
import * as assert from "node:assert/strict";
import { compareWeights, formatWeightDrift } from "../../ops/weight-drift";

const AB = { variants: [{ name: "Current", initialWeight: 90 }, { name: "Candidate", initialWeight: 10 }] };

describe("weight drift", () => {
  it("sees no drift when the live weights give the same shares as the config (9/1 vs 90/10)", () => {
    assert.deepEqual(compareWeights(AB, { Current: 9, Candidate: 1 }), []);
    assert.deepEqual(compareWeights(AB, { Current: 0.9, Candidate: 0.1 }), []);
  });

  it("reports every variant whose share differs, with the numbers as configured and as live", () => {
    assert.deepEqual(compareWeights(AB, { Current: 0, Candidate: 1 }), [
      { variant: "Current", expected: 90, live: 0 },
      { variant: "Candidate", expected: 10, live: 1 },
    ]);
    assert.deepEqual(compareWeights(AB, { Current: 50, Candidate: 50 }), [
      { variant: "Current", expected: 90, live: 50 },
      { variant: "Candidate", expected: 10, live: 50 },
    ]);
  });

  it("reports a variant only in the config or only live", () => {
    assert.deepEqual(compareWeights(AB, { Current: 90, Other: 10 }), [
      { variant: "Candidate", expected: 10, live: undefined },
      { variant: "Other", expected: undefined, live: 10 },
    ]);
  });

  it("tells the operator how to bring config and endpoint in line without promising what pulumi up does not do", () => {
    const text = formatWeightDrift([{ variant: "Current", expected: 90, live: 0 }]);
    assert.match(text, /^weight drift .*\n {2}Current: config 90, live 0$/);
    assert.match(text, /initialWeight/);
    assert.match(text, /update-endpoint-weights-and-capacities/);
    assert.doesNotMatch(text, /run pulumi up to restore/);
  });
});
