/**
 * What a user sees when the execution role stops allowing a tag read, with the real container signing
 * as the role and the emulator enforcing it: the role's policies are replaced at run time through the
 * emulator's admin call, as an operator's IAM change would do.
 */
import * as assert from "node:assert/strict";
import type { NamedPolicy } from "../../local/emulator/iam/evaluate";
import { invoke, request, sleep, waitFor } from "../container/helpers/http";
import { deployLocalStack, startRoleContainer, type LocalStack, type StartedContainer } from "./helpers/local-stack";

/** The role's policies plus a statement that denies ListTags on `arn`. */
function denyingListTags(local: LocalStack, arn: string): NamedPolicy[] {
  const deny = { Version: "2012-10-17", Statement: [{ Sid: "NoTagsHere", Effect: "Deny", Action: ["sagemaker:ListTags"], Resource: [arn] }] };
  return [...local.role.policies, { name: "deny-list-tags", document: deny }];
}

/** The container's log lines that report an AccessDenied. */
function denialLines(container: StartedContainer): Record<string, unknown>[] {
  return container.lines.filter((line) => String(line.msg).startsWith("access denied"));
}

/** The emulator's count of denied `action` calls on `arn` by the role. */
function deniedCalls(local: LocalStack, action: string, arn: string): number {
  const denied = local.emu.callLog().calls.filter((call) => call.caller === local.role.roleArn && call.decision === "denied");
  return denied.filter((call) => call.action === action && call.resourceArn === arn).reduce((sum, call) => sum + call.count, 0);
}

describe("IAM: the container under a role that stops allowing ListTags on its model", function () {
  this.timeout(90_000);
  let local: LocalStack | undefined;
  let container: StartedContainer | undefined;

  afterEach(async () => {
    await container?.process.stop();
    await local?.close();
    container = undefined;
    local = undefined;
  });

  it("keeps serving the tags it loaded before, marked stale, and logs the denial once per refresh, not per request", async () => {
    local = await deployLocalStack("dev");
    container = await startRoleContainer(local, { TAG_CACHE_TTL_SECONDS: "1" });
    const first = await invoke(container.url, { instances: [[1, 2, 3, 4]] });
    assert.equal(first.json.deployment.tagsStatus, "fresh");
    const loadedTags = first.json.deployment.tags as Record<string, string>;
    assert.ok(Object.keys(loadedTags).length > 0);

    await local.emu.setRolePolicies(local.role.roleArn, denyingListTags(local, local.outputs.modelArn));
    await sleep(1_100); // past the TTL: from here on every answer is stale and refreshes are due

    let requests = 0;
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      const reply = await invoke(container.url, { instances: [[1, 2, 3, 4]] });
      requests += 1;
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.json.deployment.tagsStatus, "stale");
      assert.deepEqual(reply.json.deployment.tags, loadedTags);
      await sleep(20);
    }
    await sleep(200); // a refresh the last request started may still be logging

    const lines = denialLines(container);
    const denied = deniedCalls(local, "sagemaker:ListTags", local.outputs.modelArn);
    for (const line of lines) {
      assert.equal(line.msg, `access denied: the execution role needs sagemaker:ListTags on ${local.outputs.modelArn}`);
      assert.equal(line.resource, local.outputs.modelArn);
    }
    assert.equal(lines.length, denied, "one log line per denied refresh");
    assert.ok(denied >= 2, `the container kept retrying (${denied} refreshes)`);
    assert.ok(lines.length * 4 < requests, `${lines.length} denial lines for ${requests} requests: logged per refresh, not per request`);
  });

  it("with TAGS_REQUIRED=true and nothing ever loaded, answers /ping 503 and logs the denied action and ARN; recovers when the role is fixed", async () => {
    local = await deployLocalStack("prod");
    assert.equal(local.modelEnvironment.TAGS_REQUIRED, "true", "the prod stack requires tags");
    const { modelArn } = local.outputs;
    await local.emu.setRolePolicies(local.role.roleArn, denyingListTags(local, modelArn));
    container = await startRoleContainer(local, {}, false);

    await waitFor(async () => denialLines(container as StartedContainer).length > 0, 30_000);
    const [denial] = denialLines(container);
    assert.equal(denial.msg, `access denied: the execution role needs sagemaker:ListTags on ${modelArn}`);
    assert.equal(denial.action, "sagemaker:ListTags");
    assert.equal(denial.resource, modelArn);
    const url = container.url;
    for (let probe = 0; probe < 5; probe += 1) {
      const ping = await request(`${url}/ping`);
      assert.equal(ping.status, 503, ping.text);
      await sleep(100);
    }

    await local.emu.setRolePolicies(local.role.roleArn, local.role.policies);
    await waitFor(async () => (await request(`${url}/ping`)).status === 200, 20_000);
  });
});
