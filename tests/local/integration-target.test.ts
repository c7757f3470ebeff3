import * as assert from "node:assert/strict";
import { chooseTarget, type TargetProbes } from "../integration/target";

/** Probes with fixed answers that record which ones were asked. */
function probes(pulumi: boolean, credentials: boolean) {
  const asked: string[] = [];
  const fixed: TargetProbes = {
    hasPulumiCli: async () => (asked.push("pulumi"), pulumi),
    hasAwsCredentials: async () => (asked.push("credentials"), credentials),
  };
  return { fixed, asked };
}
const notLocal = async () => false;

describe("integration target selection", () => {
  it("starts local mode when no target inputs are set, without probing for AWS", async () => {
    const { fixed, asked } = probes(false, false);
    assert.deepEqual(await chooseTarget({}, fixed, notLocal), { kind: "local" });
    assert.deepEqual(await chooseTarget({ INTEGRATION_STACK: "  " }, fixed, notLocal), { kind: "local" });
    assert.deepEqual(asked, []);
  });

  it("targets AWS for a stack when the Pulumi CLI and credentials are there", async () => {
    assert.deepEqual(await chooseTarget({ INTEGRATION_STACK: "dev" }, probes(true, true).fixed, notLocal), {
      kind: "stack",
      stack: "dev",
    });
  });

  it("skips with the reason when a stack is given but the CLI or credentials are missing", async () => {
    assert.deepEqual(await chooseTarget({ INTEGRATION_STACK: "dev" }, probes(false, true).fixed, notLocal), {
      kind: "skip",
      reason: "INTEGRATION_STACK=dev is set but the Pulumi CLI (pulumi) is not on PATH",
    });
    assert.deepEqual(await chooseTarget({ INTEGRATION_STACK: "dev" }, probes(true, false).fixed, notLocal), {
      kind: "skip",
      reason: "INTEGRATION_STACK=dev is set but no AWS credentials resolve from the default chain",
    });
  });

  it("prefers an outputs file; one written by local mode needs no credentials", async () => {
    const env = { INTEGRATION_STACK: "dev", INTEGRATION_OUTPUTS_FILE: "out.json" };
    const { fixed, asked } = probes(false, false);
    assert.deepEqual(await chooseTarget(env, fixed, async () => true), { kind: "outputsFile", path: "out.json" });
    assert.deepEqual(asked, []);
    assert.deepEqual(await chooseTarget(env, probes(false, true).fixed, notLocal), { kind: "outputsFile", path: "out.json" });
    assert.equal((await chooseTarget(env, probes(true, false).fixed, notLocal)).kind, "skip");
  });
});
