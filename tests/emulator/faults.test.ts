// Fault knobs through the real AWS SDK (standard retry strategy, 3 attempts): throttling and 5xx are
// retried, AccessDenied carries IAM's message, latency is added, and every call is counted.
import { DescribeEndpointCommand, ListEndpointsCommand, ListTagsCommand } from "@aws-sdk/client-sagemaker";
// The SDK's own error classification (what its standard retry strategy consults), from @smithy/core.
import { isServerError, isThrottlingError, isTransientError } from "@smithy/core/retry";
import { strict as assert } from "node:assert";
import { seedDeployment, type SeededDeployment } from "../../local/emulator";
import { Harness, rejection, useHarness } from "./harness";

describe("emulator faults (AWS SDK)", () => {
  const harness = useHarness();
  let h: Harness;
  let d: SeededDeployment;
  beforeEach(async () => {
    h = harness();
    d = await seedDeployment(h.sm, { endpointName: "faulty", endpointTags: [{ Key: "ModelVersion", Value: "1" }] });
    h.emu.resetCalls();
  });

  it("answers ThrottlingException 'Rate exceeded', which the SDK retries until it succeeds when count < maxAttempts", async () => {
    h.emu.setFaults({ error: "throttling", operations: ["ListTags"], count: 2 });
    const result = await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn }));
    assert.deepEqual(result.Tags, [{ Key: "ModelVersion", Value: "1" }]);
    assert.equal(result.$metadata.attempts, 3);
    assert.equal(h.emu.callCount("ListTags"), 3);
    assert.deepEqual(h.emu.faults(), {}, "a counted fault clears itself when used up");
  });

  it("fails with ThrottlingException after the SDK's attempts when the fault outlasts them, and counts every call", async () => {
    h.emu.setFaults({ error: "throttling", count: 5 });
    const error = await rejection(h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName })));
    assert.equal(error.name, "ThrottlingException");
    assert.equal(error.message, "Rate exceeded");
    assert.ok(isThrottlingError(error as never), "the SDK classifies it as throttling (longer back-off, throttling retry cost)");
    assert.equal((error.$metadata as { httpStatusCode: number; attempts: number }).httpStatusCode, 400);
    assert.equal((error.$metadata as { attempts: number }).attempts, 3);
    assert.equal(h.emu.callCount("DescribeEndpoint"), 3);
    assert.equal(h.emu.callCount(), 3);
    assert.equal(h.emu.faults().count, 2);
    h.emu.clearFaults();
    assert.equal((await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }))).EndpointStatus, "InService");
  });

  it("answers AccessDeniedException with IAM's message naming the action and resource, not retried", async () => {
    h.emu.setFaults({ error: "accessDenied", operations: ["ListTags", "ListEndpoints"] });
    const denied = await rejection(h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn })));
    assert.equal(denied.name, "AccessDeniedException");
    assert.equal(
      denied.message,
      "User: arn:aws:sts::123456789012:assumed-role/sagemaker-emulator-role/test is not authorized to perform: sagemaker:ListTags " +
        `on resource: ${d.endpointArn} because no identity-based policy allows the sagemaker:ListTags action`,
    );
    assert.equal((denied.$metadata as { attempts: number }).attempts, 1);
    assert.ok(!isThrottlingError(denied as never) && !isTransientError(denied as never) && !isServerError(denied as never));
    const list = await rejection(h.sm.send(new ListEndpointsCommand({})));
    assert.match(list.message, /not authorized to perform: sagemaker:ListEndpoints because no identity-based policy allows/);
    // Operations outside the fault's list are served.
    assert.equal((await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }))).EndpointName, d.endpointName);
    assert.equal(h.emu.callCount("ListTags"), 1);
  });

  it("answers InternalFailure with HTTP 500, a server fault the SDK retries", async () => {
    h.emu.setFaults({ error: "serverError", count: 1 });
    const result = await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
    assert.equal(result.$metadata.attempts, 2);
    h.emu.setFaults({ error: "serverError" });
    const error = await rejection(h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName })));
    assert.equal(error.name, "InternalFailure");
    assert.equal(error.$fault, "server");
    assert.ok(isTransientError(error as never) && !isThrottlingError(error as never), "the SDK classifies HTTP 500 as transient");
    assert.equal((error.$metadata as { httpStatusCode: number }).httpStatusCode, 500);
  });

  it("adds latencyMs to the chosen operations only", async () => {
    h.emu.setFaults({ latencyMs: 200, operations: ["ListTags"] });
    let started = Date.now();
    await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn }));
    assert.ok(Date.now() - started >= 190, `ListTags took ${Date.now() - started} ms`);
    started = Date.now();
    await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
    assert.ok(Date.now() - started < 150, `DescribeEndpoint took ${Date.now() - started} ms`);
  });

  it("refuses bad fault settings with a one-line error", () => {
    assert.throws(() => h.emu.setFaults({ error: "teapot" as never }), /error must be one of throttling, accessDenied, serverError/);
    assert.throws(() => h.emu.setFaults({ operations: ["ListTag"] }), /unknown operation\(s\): ListTag/);
    assert.throws(() => h.emu.setFaults({ count: 0 }), /count must be a positive integer/);
    assert.throws(() => h.emu.setFaults({ latencyMs: -1 }), /latencyMs must be a number >= 0/);
    assert.deepEqual(h.emu.faults(), {});
  });

  it("counts calls per operation until reset", async () => {
    await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn }));
    await h.sm.send(new ListTagsCommand({ ResourceArn: d.modelArn }));
    await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
    assert.deepEqual(h.emu.calls(), { total: 3, byOperation: { ListTags: 2, DescribeEndpoint: 1 } });
    h.emu.resetCalls();
    assert.equal(h.emu.callCount(), 0);
  });
});
