// A config change that would replace the live endpoint is refused at preview, naming the key and what would
// happen, unless the stack opts in with allowEndpointReplacement (issue 13, item 2).
import * as assert from "assert";
import { endpointReplacement } from "../../components/replacement-guard";
import { StackState } from "../../local/physical-names";
import { ProgramRun } from "../../local/program-runner";
import { ConfigEdits, TYPES, onlyResource, runStack, runStackFile, prodTrafficShifting } from "../support/program";
import { planAgainst } from "../support/replacement-plan";
import { rejection } from "../support/refusal";

const PROD_DEPLOYMENT = prodTrafficShifting();
const WITHOUT_ROLLBACK = { deployment: { ...PROD_DEPLOYMENT, autoRollback: false } };

function after(stack: string, previous: ProgramRun, edits: ConfigEdits): Promise<ProgramRun> {
  return runStack(stack, edits, undefined, previous.outputs);
}

describe("replacement guard: changes that would replace the live endpoint", () => {
  it("refuses removing auto-rollback, naming the key and the consequence", async () => {
    const message = await rejection(after("prod", await runStackFile("prod"), WITHOUT_ROLLBACK));
    assert.strictEqual(
      message,
      "tagged-endpoint:deployment.autoRollback: removing auto-rollback replaces endpoint tagged-endpoint-prod " +
        "(the provider cannot change deploymentConfig.autoRollbackConfiguration in place): Pulumi would delete it and " +
        "create it again, and it serves nothing until the new one is InService. To accept that, set " +
        "tagged-endpoint:allowEndpointReplacement true for this update.",
    );
  });

  it("refuses adding auto-rollback to a deployed endpoint", async () => {
    const message = await rejection(after("prod", await runStack("prod", WITHOUT_ROLLBACK), {}));
    assert.match(message, /^tagged-endpoint:deployment\.autoRollback: adding auto-rollback replaces endpoint tagged-endpoint-prod /);
  });

  it("refuses renaming the endpoint, naming endpointName", async () => {
    const message = await rejection(after("dev", await runStackFile("dev"), { endpointName: "fraud-scorer-dev" }));
    assert.match(
      message,
      /^tagged-endpoint:endpointName: renaming the endpoint from tagged-endpoint-dev to fraud-scorer-dev replaces it \(the provider cannot change the endpoint name in place\): /,
    );
  });

  it("with allowEndpointReplacement, replaces with deleteBeforeReplace (the fixed name cannot exist twice)", async () => {
    const run = await after("prod", await runStackFile("prod"), { ...WITHOUT_ROLLBACK, allowEndpointReplacement: true });
    assert.strictEqual(onlyResource(run, TYPES.endpoint).options.deleteBeforeReplace, true);
  });

  it("lets everything else through: thresholds, first deployments, outputs of an older program", async () => {
    const prod = await runStackFile("prod");
    await after("prod", prod, { deployment: { ...PROD_DEPLOYMENT, autoRollback: { errorThreshold: 3, latencyThresholdMs: 900 } } });
    await runStack("prod", WITHOUT_ROLLBACK); // nothing deployed yet: no previous outputs
    const older = Object.fromEntries(Object.entries(prod.outputs).filter(([name]) => name !== "rollbackAlarmNames"));
    await runStack("prod", WITHOUT_ROLLBACK, undefined, older);
    assert.strictEqual(onlyResource(prod, TYPES.endpoint).options.deleteBeforeReplace, false);
  });

  it("lets a different alarm list through: the provider updates the auto-rollback alarms in place", async () => {
    // terraform-provider-aws: auto_rollback_configuration is ForceNew, its `alarms` set is not; ForceNew on a
    // block replaces when the block appears or disappears, not when its content changes (see replacement-plan.ts).
    assert.strictEqual(endpointReplacement({ endpointName: "e", rollbackAlarmNames: ["a", "b"] }, { endpointName: "e", rollbackAlarmNames: ["c", "d", "e", "f"] }, "p"), undefined);
    // A second variant joins a one-variant auto-rollback stack last deployed by a program without the
    // variantNames output (so the rename guard cannot compare): its alarms join the list, in place.
    const state = new StackState("prod");
    const previous = await runStack("prod", {}, undefined, {}, state);
    const older = Object.fromEntries(Object.entries(previous.outputs).filter(([name]) => name !== "variantNames"));
    const instance = { instanceType: "ml.m5.large", initialInstanceCount: 2 };
    const planner = planAgainst(previous);
    const run = await runStack("prod", { variant: undefined, variants: [{ name: "AllTraffic", instance }, { name: "Candidate", instance }] }, planner.wrap, older, state);
    const endpoint = planner.finish().find((step) => step.type === TYPES.endpoint);
    assert.strictEqual(endpoint?.action, "update");
    assert.ok(endpoint.changed.some((changed) => changed.startsWith("deploymentConfig.autoRollbackConfiguration.alarms.")), endpoint.changed.join(", "));
    assert.strictEqual((run.outputs.rollbackAlarmNames as string[]).length, 4);
  });
});
