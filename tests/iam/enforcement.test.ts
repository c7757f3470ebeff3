/**
 * The emulator enforcing an execution role, seen through the real AWS SDK and raw HTTP: calls signed
 * with the role's credentials are judged by its policies (AWS's AccessDeniedException and wording when
 * denied), calls with the plain emulator credentials stay unrestricted, and the admin API replaces the
 * role's policies at run time (cached decisions dropped).
 */
import { AddTagsCommand, DescribeEndpointCommand, ListTagsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import * as assert from "node:assert/strict";
import { tagReadPolicy } from "../../components/policy-documents";
import { seedDeployment, type SeededDeployment } from "../../local/emulator";
import type { NamedPolicy } from "../../local/emulator/iam/evaluate";
import type { RoleCredentials } from "../../local/emulator/iam/roles";
import { rejection, startHarness, type Harness } from "../emulator/harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/scorer-execution-role";
const CALLER = "arn:aws:sts::123456789012:assumed-role/scorer-execution-role/SageMaker";

/** The program's own tag-read policy for a seeded deployment. */
function tagRead(deployment: SeededDeployment): NamedPolicy[] {
  const document = tagReadPolicy({ endpointArn: deployment.endpointArn, endpointConfigArnPattern: deployment.configArn, modelArnPattern: deployment.modelArn });
  return [{ name: "tag-read", document: document as unknown as NamedPolicy["document"] }];
}

/** AWS's message for an implicit deny. */
function notAuthorized(action: string, resource: string): string {
  return `User: ${CALLER} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}

async function admin(h: Harness, method: string, route: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${h.emu.url}/_emulator/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("IAM: the emulator enforces a registered execution role", function () {
  this.timeout(30_000); // the evaluator loads its action data on first use
  let h: Harness;
  let scorer: SeededDeployment;
  let other: SeededDeployment;
  let credentials: RoleCredentials;
  let asRole: SageMakerClient;

  beforeEach(async () => {
    h = await startHarness();
    scorer = await seedDeployment(h.sm, { endpointName: "scorer" });
    other = await seedDeployment(h.sm, { endpointName: "scorer-2" });
    credentials = await h.emu.registerRole({ roleArn: ROLE_ARN, policies: tagRead(scorer) });
    asRole = new SageMakerClient({ region: h.emu.region, endpoint: h.emu.url, credentials, maxAttempts: 1 });
  });

  afterEach(async () => {
    asRole.destroy();
    await h.close();
  });

  it("gives the role credentials of its own (not the emulator's plain ones)", () => {
    assert.match(credentials.accessKeyId, /^ASIA[0-9A-F]{16}$/);
    assert.notEqual(credentials.accessKeyId, "test");
  });

  it("answers the calls the role's policies allow", async () => {
    const described = await asRole.send(new DescribeEndpointCommand({ EndpointName: "scorer" }));
    assert.equal(described.EndpointArn, scorer.endpointArn);
    for (const arn of [scorer.endpointArn, scorer.configArn, scorer.modelArn]) await asRole.send(new ListTagsCommand({ ResourceArn: arn }));
  });

  it("denies what they do not allow with AccessDeniedException, HTTP 400 and IAM's wording", async () => {
    const error = await rejection(asRole.send(new ListTagsCommand({ ResourceArn: other.modelArn })));
    assert.equal(error.name, "AccessDeniedException");
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 400);
    assert.equal(error.message, notAuthorized("sagemaker:ListTags", other.modelArn));
  });

  it("denies before looking the resource up, as IAM does (a missing endpoint is AccessDenied, not ValidationException)", async () => {
    const error = await rejection(asRole.send(new DescribeEndpointCommand({ EndpointName: "no-such-endpoint" })));
    assert.equal(error.name, "AccessDeniedException");
    assert.equal(error.message, notAuthorized("sagemaker:DescribeEndpoint", "arn:aws:sagemaker:us-east-1:123456789012:endpoint/no-such-endpoint"));
  });

  it("answers a denial in the JSON protocol's error shape (x-amzn-ErrorType, __type, message)", async () => {
    const res = await fetch(h.emu.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "SageMaker.AddTags",
        Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify({ ResourceArn: scorer.endpointArn, Tags: [{ Key: "k", Value: "v" }] }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("x-amzn-errortype"), "AccessDeniedException");
    assert.deepEqual(await res.json(), {
      __type: "com.amazonaws.sagemaker#AccessDeniedException",
      message: notAuthorized("sagemaker:AddTags", scorer.endpointArn),
    });
  });

  it("leaves the plain emulator credentials unrestricted, and logs who was judged how", async () => {
    h.emu.resetCalls();
    await h.sm.send(new AddTagsCommand({ ResourceArn: other.endpointArn, Tags: [{ Key: "Team", Value: "a" }] }));
    await asRole.send(new ListTagsCommand({ ResourceArn: scorer.endpointArn }));
    await rejection(asRole.send(new AddTagsCommand({ ResourceArn: scorer.endpointArn, Tags: [{ Key: "Team", Value: "b" }] })));
    assert.deepEqual(h.emu.callLog(), {
      calls: [
        { caller: "unrestricted", action: "sagemaker:AddTags", resourceArn: other.endpointArn, decision: "unrestricted", count: 1 },
        { caller: ROLE_ARN, action: "sagemaker:ListTags", resourceArn: scorer.endpointArn, decision: "allowed", count: 1 },
        { caller: ROLE_ARN, action: "sagemaker:AddTags", resourceArn: scorer.endpointArn, decision: "denied", count: 1 },
      ],
      dropped: 0,
    });
    assert.deepEqual((await admin(h, "GET", "calls/log")).json, JSON.parse(JSON.stringify(h.emu.callLog())));
  });

  it("says 'with an explicit deny' when a Deny statement decides", async () => {
    const deny = { Version: "2012-10-17", Statement: [{ Sid: "NoModelTags", Effect: "Deny", Action: "sagemaker:ListTags", Resource: scorer.modelArn }] };
    await h.emu.setRolePolicies(ROLE_ARN, [...tagRead(scorer), { name: "deny", document: deny }]);
    const error = await rejection(asRole.send(new ListTagsCommand({ ResourceArn: scorer.modelArn })));
    assert.equal(
      error.message,
      `User: ${CALLER} is not authorized to perform: sagemaker:ListTags on resource: ${scorer.modelArn} with an explicit deny in an identity-based policy`,
    );
  });

  it("replaces the role's policies at run time through POST /_emulator/roles/policies (cached decisions dropped)", async () => {
    await asRole.send(new ListTagsCommand({ ResourceArn: scorer.modelArn })); // allowed, and now cached
    const replaced = await admin(h, "POST", "roles/policies", { roleArn: ROLE_ARN, policies: tagRead(other) });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.json));
    await rejection(asRole.send(new ListTagsCommand({ ResourceArn: scorer.modelArn })));
    await asRole.send(new ListTagsCommand({ ResourceArn: other.modelArn }));
    const listed = (await admin(h, "GET", "roles")).json as { roles: { roleArn: string; accessKeyId: string; policies: NamedPolicy[] }[] };
    assert.equal(listed.roles.length, 1);
    assert.equal(listed.roles[0].accessKeyId, credentials.accessKeyId);
    assert.deepEqual(listed.roles[0].policies, JSON.parse(JSON.stringify(tagRead(other))));
  });

  it("registers a role through POST /_emulator/roles, for a container another process starts", async () => {
    const registered = await admin(h, "POST", "roles", { roleArn: "arn:aws:iam::123456789012:role/second", policies: [] });
    assert.equal(registered.status, 200);
    const second = registered.json.credentials as RoleCredentials;
    const client = new SageMakerClient({ region: h.emu.region, endpoint: h.emu.url, credentials: second, maxAttempts: 1 });
    try {
      const error = await rejection(client.send(new ListTagsCommand({ ResourceArn: scorer.endpointArn })));
      assert.match(error.message, /^User: arn:aws:sts::123456789012:assumed-role\/second\/SageMaker is not authorized/);
    } finally {
      client.destroy();
    }
  });

  it("rejects bad policies and unknown roles with a one-line 400 naming the problem", async () => {
    const bad = await admin(h, "POST", "roles/policies", {
      roleArn: ROLE_ARN,
      policies: [{ name: "broken", document: { Version: "2012-10-17", Statement: [{ Effect: "Maybe", Action: "sagemaker:ListTags", Resource: "*" }] } }],
    });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.error), /^policy "broken" is not a valid IAM policy: .*Effect/);
    const unknown = await admin(h, "POST", "roles/policies", { roleArn: "arn:aws:iam::123456789012:role/nobody", policies: [] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error, 'no role "arn:aws:iam::123456789012:role/nobody" is registered with the emulator');
    const shape = await admin(h, "POST", "roles", { roleArn: ROLE_ARN, policies: { name: "x" } });
    assert.equal(shape.status, 400);
    assert.match(String(shape.json.error), /^policies must be a list/);
    const arn = await admin(h, "POST", "roles", { roleArn: "scorer-role", policies: [] });
    assert.match(String(arn.json.error), /^roleArn must look like arn:aws:iam::123456789012:role\/NAME/);
    for (const reply of [bad, unknown, shape, arn]) assert.ok(!String(reply.json.error).includes("\n"));
  });
});
