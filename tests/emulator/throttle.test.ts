// The throttling knob: a token bucket per account and operation, through the real AWS SDK with one
// attempt and with its default retries, the admin API, and the bucket arithmetic on a fake clock.
import { DescribeEndpointCommand, ListTagsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { isThrottlingError } from "@smithy/core/retry";
import { strict as assert } from "node:assert";
import { EMULATOR_CREDENTIALS, seedDeployment, type SeededDeployment } from "../../local/emulator";
import { DEFAULT_THROTTLE, Throttle } from "../../local/emulator/throttle";
import { Harness, rejection, useHarness } from "./harness";

describe("emulator throttling (AWS SDK)", () => {
  const harness = useHarness();
  let h: Harness;
  let d: SeededDeployment;
  let oneAttempt: SageMakerClient;
  beforeEach(async () => {
    h = harness();
    d = await seedDeployment(h.sm, { endpointName: "busy", endpointTags: [{ Key: "ModelVersion", Value: "1" }] });
    h.emu.resetCalls();
    oneAttempt = new SageMakerClient({ endpoint: h.emu.url, region: h.emu.region, credentials: EMULATOR_CREDENTIALS, maxAttempts: 1 });
  });
  afterEach(() => oneAttempt.destroy());

  it("with maxAttempts 1: the call past the burst fails with ThrottlingException 'Rate exceeded', HTTP 400; other operations have their own bucket", async () => {
    h.emu.setThrottle({ ratePerSecond: 0.01, burst: 3 });
    for (let i = 0; i < 3; i++) await oneAttempt.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
    const error = await rejection(oneAttempt.send(new DescribeEndpointCommand({ EndpointName: d.endpointName })));
    assert.equal(error.name, "ThrottlingException");
    assert.equal(error.message, "Rate exceeded");
    assert.ok(isThrottlingError(error as never), "the SDK classifies it as throttling");
    assert.deepEqual(error.$metadata, { ...(error.$metadata as object), httpStatusCode: 400, attempts: 1 });
    const tags = await oneAttempt.send(new ListTagsCommand({ ResourceArn: d.endpointArn }));
    assert.deepEqual(tags.Tags, [{ Key: "ModelVersion", Value: "1" }]);
    assert.equal(h.emu.callCount("DescribeEndpoint"), 4, "throttled calls are counted");
    assert.equal(h.emu.throttle().throttledCalls, 1);
  });

  it("with the SDK's default retries (3 attempts, throttling back-off): a sustained overload still fails, every attempt counted", async () => {
    h.emu.setThrottle({ ratePerSecond: 0.01, burst: 1 });
    await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
    const error = await rejection(h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName })));
    assert.equal(error.name, "ThrottlingException");
    assert.equal((error.$metadata as { attempts: number }).attempts, 3);
    assert.equal(h.emu.callCount("DescribeEndpoint"), 4);
    assert.equal(h.emu.throttle().throttledCalls, 3);
  });

  it("with the SDK's default retries: a burst of 40 concurrent calls over a bucket of 10 gets 10 through at once, the rest retried or failed", async () => {
    h.emu.setThrottle({ ratePerSecond: 5, burst: 10 });
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn }))));
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const failed = results.filter((r) => r.status === "rejected");
    assert.ok(ok >= 10 && ok < 40, `${ok} succeeded`);
    assert.ok(failed.every((r) => (r.reason as Error).name === "ThrottlingException"));
    assert.equal(h.emu.callCount("ListTags"), ok + h.emu.throttle().throttledCalls, "every attempt is a call, throttled or served");
    assert.ok(h.emu.callCount("ListTags") > 40, "the SDK retried");
  });

  it("turns on with the defaults and off through the admin API; refuses bad settings with one line", async () => {
    const on = await fetch(`${h.emu.url}/_emulator/throttle`, { method: "POST", body: "{}" });
    assert.deepEqual(await on.json(), { settings: DEFAULT_THROTTLE, throttledCalls: 0 });
    assert.deepEqual(DEFAULT_THROTTLE, { ratePerSecond: 20, burst: 100 });
    const bad = await fetch(`${h.emu.url}/_emulator/throttle`, { method: "POST", body: '{"burst": 0}' });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: "burst must be an integer >= 1, got 0" });
    const unknown = await fetch(`${h.emu.url}/_emulator/throttle`, { method: "POST", body: '{"rate": 5}' });
    assert.deepEqual(await unknown.json(), { error: "unknown throttle setting(s): rate (known: ratePerSecond, burst)" });
    const off = await fetch(`${h.emu.url}/_emulator/throttle`, { method: "DELETE" });
    assert.deepEqual(await off.json(), { settings: null, throttledCalls: 0 });
    for (let i = 0; i < 150; i++) await oneAttempt.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
  });
});

describe("emulator throttling: the token bucket", () => {
  it("starts full, refills at the rate, never holds more than the burst, and keeps accounts and operations apart", () => {
    let now = 0;
    const throttle = new Throttle(() => now);
    assert.equal(throttle.take("111111111111", "ListTags"), true, "off by default");
    throttle.set({ ratePerSecond: 2, burst: 3 });
    assert.deepEqual([1, 2, 3, 4].map(() => throttle.take("111111111111", "ListTags")), [true, true, true, false]);
    assert.equal(throttle.take("111111111111", "DescribeEndpoint"), true, "another operation");
    assert.equal(throttle.take("222222222222", "ListTags"), true, "another account");
    now = 499;
    assert.equal(throttle.take("111111111111", "ListTags"), false, "not a whole token yet");
    now = 1_000;
    assert.deepEqual([1, 2, 3].map(() => throttle.take("111111111111", "ListTags")), [true, true, false], "2 tokens a second");
    now = 60_000;
    assert.deepEqual([1, 2, 3, 4].map(() => throttle.take("111111111111", "ListTags")), [true, true, true, false], "capped at the burst");
    assert.equal(throttle.rejectedCalls(), 4);
    throttle.set(null);
    assert.equal(throttle.take("111111111111", "ListTags"), true);
  });
});
