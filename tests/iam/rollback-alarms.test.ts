// The auto-rollback alarm grant judged by the IAM evaluator: SageMaker, acting as the execution role, may
// call cloudwatch:DescribeAlarms on exactly the stack's two rollback alarms (issue 13, item 3).
import * as assert from "node:assert/strict";
import { TYPES, resourcesOfType } from "../support/program";
import { describe as line, judgeAs } from "./helpers/judge";
import { stackFile } from "./helpers/stack-runs";

describe("IAM evaluator: the rollback alarms", function () {
  this.timeout(60_000); // program runs and the evaluator's first load of its data, on a shared CPU

  it("lets the prod role describe its two rollback alarms, and no other alarm or alarm action", async () => {
    const own = await stackFile("prod");
    const alarms = resourcesOfType(own.run, TYPES.alarm).map((alarm) => String(alarm.state.arn));
    assert.equal(alarms.length, 2);
    for (const arn of alarms) {
      const decision = await judgeAs(own.role, "cloudwatch:DescribeAlarms", arn);
      assert.ok(decision.allowed, line("cloudwatch:DescribeAlarms", arn, decision));
    }
    const denied: Array<[string, string]> = [
      ["cloudwatch:DescribeAlarms", `arn:aws:cloudwatch:${own.region}:${own.account}:alarm:someone-elses-alarm`],
      ["cloudwatch:DescribeAlarms", alarms[0].replace(`:${own.region}:`, ":eu-west-1:")],
      ["cloudwatch:DescribeAlarms", alarms[0].replace(`:${own.account}:`, ":210987654321:")],
      ["cloudwatch:PutMetricAlarm", alarms[0]],
      ["cloudwatch:DeleteAlarms", alarms[0]],
      ["cloudwatch:SetAlarmState", alarms[0]],
    ];
    for (const [action, arn] of denied) {
      const decision = await judgeAs(own.role, action, arn);
      assert.ok(!decision.allowed, line(action, arn, decision));
    }
  });

  it("gives the dev role (no auto-rollback) no alarm access at all", async () => {
    const own = await stackFile("dev");
    const arn = `arn:aws:cloudwatch:${own.region}:${own.account}:alarm:${own.endpointName}-model-latency`;
    const decision = await judgeAs(own.role, "cloudwatch:DescribeAlarms", arn);
    assert.ok(!decision.allowed, line("cloudwatch:DescribeAlarms", arn, decision));
  });
});
