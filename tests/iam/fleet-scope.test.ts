/**
 * The tag-read scope across deployments, judged by the IAM evaluator the emulator enforces with: the
 * execution role reads the tags of every fleet its endpoint may run (the current one, the next one during
 * an update, an earlier one after a rollback) and of no other endpoint's fleets, including endpoints whose
 * names extend this one's; and an update does not change the document under the running fleet.
 */
import * as assert from "node:assert/strict";
import { StackState } from "../../local/physical-names";
import { runStack } from "../support/program";
import { describe as line, judgeAs } from "./helpers/judge";
import { underTest, type StackUnderTest } from "./helpers/stack-runs";

/** The model and config ARNs of generation `hex` of `target`'s endpoint. */
function fleetArns(target: StackUnderTest, endpointName: string, hex: string): string[] {
  const prefix = `arn:aws:sagemaker:${target.region}:${target.account}`;
  const name = `${endpointName.toLowerCase()}--${hex}`;
  return [`${prefix}:model/${name}`, `${prefix}:endpoint-config/${name}`];
}

for (const stack of ["dev", "prod"]) {
  describe(`IAM evaluator: the ${stack} role across a blue/green update`, function () {
    this.timeout(60_000);
    let blue: StackUnderTest;
    let green: StackUnderTest;
    before(async () => {
      const state = new StackState(stack);
      blue = underTest(await runStack(stack, {}, undefined, {}, state));
      green = underTest(await runStack(stack, { imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/model:2" }, undefined, {}, state));
    });

    it("replaces the fleet but not the tag-read policy (nothing narrows under the running fleet)", () => {
      assert.notEqual(green.arns.model, blue.arns.model);
      const tagRead = (target: StackUnderTest) => target.role.policies.find((policy) => policy.name === "endpoint-tag-read");
      assert.ok(tagRead(blue));
      assert.deepEqual(tagRead(green), tagRead(blue));
    });

    it("lets both roles (before and after the update) read the endpoint and both fleets' configs and models", async () => {
      const reads = [
        { action: "sagemaker:DescribeEndpoint", resource: blue.arns.endpoint },
        ...[blue, green].map((fleet) => ({ action: "sagemaker:DescribeEndpointConfig", resource: fleet.arns.endpointConfig })),
        ...[blue, green].flatMap((fleet) => [blue.arns.endpoint, fleet.arns.endpointConfig, fleet.arns.model].map((resource) => ({ action: "sagemaker:ListTags", resource }))),
        ...fleetArns(blue, blue.endpointName, "0123456789").map((resource) => ({ action: "sagemaker:ListTags", resource })),
      ];
      for (const role of [blue.role, green.role]) {
        for (const { action, resource } of reads) {
          const decision = await judgeAs(role, action, resource);
          assert.ok(decision.allowed, line(action, resource, decision));
        }
      }
    });

    it("denies the fleets of endpoints whose names extend this one's, and the Describe calls the container does not make", async () => {
      const others = [
        ...[`${blue.endpointName}-m`, `${blue.endpointName}x`, `${blue.endpointName}-2`].flatMap((name) => fleetArns(blue, name, "0123456789")),
        ...fleetArns(blue, blue.endpointName.slice(0, -1), "0123456789"),
      ];
      const denied = others.map((resource) => ({ action: "sagemaker:ListTags", resource }));
      for (const resource of others.filter((arn) => arn.includes(":endpoint-config/"))) denied.push({ action: "sagemaker:DescribeEndpointConfig", resource });
      denied.push({ action: "sagemaker:DescribeModel", resource: green.arns.model });
      const allowed: string[] = [];
      for (const { action, resource } of denied) {
        const decision = await judgeAs(green.role, action, resource);
        if (decision.allowed) allowed.push(line(action, resource, decision));
      }
      assert.deepEqual(allowed, []);
    });
  });
}
