/**
 * The container's PutMetricData under the execution role the program declares, judged by the emulator
 * (the real container signing as the role, the real CloudWatch client): allowed into the stack's
 * namespace with the `cloudwatch:namespace` condition; once the role loses the grant, publications are
 * denied and dropped while every invocation is still answered.
 */
import * as assert from "node:assert/strict";
import { METRICS_NAMESPACE } from "../../components/deployment-metrics";
import { invoke, waitFor } from "../container/helpers/http";
import { judgeAs } from "./helpers/judge";
import { deployLocalStack, startRoleContainer, type LocalStack, type StartedContainer } from "./helpers/local-stack";

describe("IAM: the container's metrics under the execution role", function () {
  this.timeout(90_000);
  let local: LocalStack;
  let container: StartedContainer;

  before(async () => {
    local = await deployLocalStack("dev");
    container = await startRoleContainer(local, { METRICS_INTERVAL_SECONDS: "0.2" });
  });
  after(async () => {
    await container?.process.stop();
    await local?.close();
  });

  const invocations = () =>
    local.emu
      .metrics()
      .series.filter((entry) => entry.namespace === METRICS_NAMESPACE && entry.metricName === "Invocations")
      .reduce((sum, entry) => sum + entry.sum, 0);

  it("publishes into the stack's namespace, allowed by the role's namespace condition", async () => {
    for (let i = 0; i < 3; i += 1) assert.equal((await invoke(container.url, { instances: [[1, 2, 3, 4]] })).status, 200);
    await waitFor(async () => invocations() === 3, 20_000);
    const calls = local.emu.callLog().calls.filter((call) => call.caller === local.role.roleArn && call.action === "cloudwatch:PutMetricData");
    assert.ok(calls.length > 0 && calls.every((call) => call.decision === "allowed"), JSON.stringify(calls));
    assert.equal((await judgeAs(local.role, "cloudwatch:PutMetricData", "*", { "cloudwatch:namespace": METRICS_NAMESPACE })).allowed, true);
    assert.equal((await judgeAs(local.role, "cloudwatch:PutMetricData", "*", { "cloudwatch:namespace": "Other" })).allowed, false, "no other namespace");
  });

  it("answers every invocation when the role stops allowing PutMetricData; the denials are logged and the data dropped", async () => {
    await local.emu.setRolePolicies(
      local.role.roleArn,
      local.role.policies.filter((policy) => !policy.name.endsWith("-metrics")),
    );
    const before = invocations();
    for (let i = 0; i < 10; i += 1) assert.equal((await invoke(container.url, { instances: [[1, 2, 3, 4]] })).status, 200);
    await waitFor(async () => container.lines.some((line) => line.msg === "metrics publication failed; retrying" && String(line.error).includes("cloudwatch:PutMetricData")), 20_000);
    assert.equal(invocations(), before, "nothing published without the grant");
    const denied = local.emu.callLog().calls.filter((call) => call.action === "cloudwatch:PutMetricData" && call.decision === "denied");
    assert.ok(denied.length > 0);
  });
});
