/**
 * Every control-plane call the container really makes is allowed by the execution role the program
 * declares. The list of calls is not written here: the real container runs in local-mode fashion
 * (the program deployed into the emulator, the container signing with the role's credentials), the
 * emulator records the IAM action and resource ARN of each call, and each recorded call is judged by
 * the evaluator against the program's documents.
 */
import * as assert from "node:assert/strict";
import type { LoggedCall } from "../../local/emulator/call-log";
import { invoke, request, waitFor } from "../container/helpers/http";
import { describe as line, judgeAs, tagContext } from "./helpers/judge";
import { deployLocalStack, startRoleContainer, type LocalStack, type StartedContainer } from "./helpers/local-stack";

for (const stack of ["dev", "prod"]) {
  describe(`IAM: the calls the container makes for the ${stack} stack`, function () {
    this.timeout(90_000); // the program run and a container start (ts-node) on a shared CPU
    let local: LocalStack;
    let container: StartedContainer;
    let calls: LoggedCall[];

    before(async () => {
      local = await deployLocalStack(stack);
      // Not waiting for /ping 200: with a role that is too narrow (and TAGS_REQUIRED) it never comes.
      container = await startRoleContainer(local, {}, false);
      const byRole = () => local.emu.callLog().calls.filter((call) => call.caller === local.role.roleArn);
      await waitFor(async () => byRole().filter((call) => call.action === "sagemaker:ListTags").length >= 3, 30_000);
      calls = byRole();
    });

    after(async () => {
      await container?.process.stop();
      await local?.close();
    });

    it("are recorded by the emulator with their action and resource (the tag reads of its own resources)", () => {
      const recorded = calls.map((call) => `${call.action} ${call.resourceArn}`);
      assert.ok(recorded.includes(`sagemaker:ListTags ${local.outputs.modelArn}`), recorded.join("\n"));
      assert.ok(recorded.includes(`sagemaker:ListTags ${local.outputs.endpointArn}`), recorded.join("\n"));
      // Finding the config that launched its fleet: a DescribeEndpointConfig on its own config.
      assert.ok(recorded.includes(`sagemaker:DescribeEndpointConfig ${local.outputs.endpointConfigArn}`), recorded.join("\n"));
    });

    it("are each allowed by the program's documents, judged by the evaluator", async () => {
      assert.ok(calls.length > 0);
      for (const call of calls) {
        const resource = call.resourceArn ?? "*";
        const decision = await judgeAs(local.role, call.action, resource, tagContext(local.declared.tagsByArn.get(resource)));
        assert.ok(decision.allowed, line(call.action, resource, decision));
      }
    });

    it("let the container serve its tags fresh, loaded as the role", async () => {
      await waitFor(async () => (await request(`${container.url}/ping`)).status === 200, 10_000);
      const reply = await invoke(container.url, { instances: [[1, 2, 3, 4]] });
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.json.deployment.tagsStatus, "fresh");
    });

    it("were all allowed by the emulator enforcing the role (none denied)", () => {
      assert.deepEqual(
        calls.filter((call) => call.decision !== "allowed"),
        [],
      );
    });
  });
}
