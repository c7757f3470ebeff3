// The admin HTTP API (/_emulator/...) that other processes use to drive faults, counters and containers.
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { ListTagsCommand } from "@aws-sdk/client-sagemaker";
import { strict as assert } from "node:assert";
import { seedDeployment } from "../../local/emulator";
import { startFakeContainer } from "./fake-container";
import { rejection, useHarness } from "./harness";

async function admin(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${url}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

describe("emulator admin HTTP API", () => {
  const harness = useHarness();

  it("sets, reports and clears faults like setFaults", async () => {
    const h = harness();
    const d = await seedDeployment(h.sm, { endpointName: "admin" });
    const set = await admin(h.emu.url, "POST", "faults", { error: "accessDenied", operations: ["ListTags"], count: 1 });
    assert.deepEqual(set, { status: 200, json: { faults: { error: "accessDenied", operations: ["ListTags"], count: 1 } } });
    assert.deepEqual(await admin(h.emu.url, "GET", "faults"), set);
    const denied = await rejection(h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn })));
    assert.equal(denied.name, "AccessDeniedException");
    assert.deepEqual((await admin(h.emu.url, "GET", "faults")).json, { faults: {} });

    await admin(h.emu.url, "POST", "faults", { latencyMs: 5 });
    assert.deepEqual((await admin(h.emu.url, "POST", "faults", {})).json, { faults: {} });
    assert.deepEqual(h.emu.faults(), {});
  });

  it("reports and resets the call counters", async () => {
    const h = harness();
    await seedDeployment(h.sm, { endpointName: "counted" });
    assert.deepEqual(await admin(h.emu.url, "GET", "calls"), {
      status: 200,
      json: { total: 3, byOperation: { CreateModel: 1, CreateEndpointConfig: 1, CreateEndpoint: 1 } },
    });
    assert.deepEqual((await admin(h.emu.url, "POST", "calls/reset")).json, { total: 0, byOperation: {} });
    assert.equal(h.emu.callCount(), 0);
  });

  it("attaches a container that InvokeEndpoint then reaches", async () => {
    const h = harness();
    const container = await startFakeContainer();
    try {
      const d = await seedDeployment(h.sm, { endpointName: "attached" });
      const attached = await admin(h.emu.url, "POST", "containers", { endpointName: d.endpointName, url: container.url });
      assert.deepEqual(attached, { status: 200, json: { endpointName: "attached", url: container.url } });
      const result = await h.runtime.send(new InvokeEndpointCommand({ EndpointName: d.endpointName, Body: Buffer.from("{}"), ContentType: "application/json" }));
      assert.equal(result.InvokedProductionVariant, "AllTraffic");
      assert.equal(container.received.length, 1);
    } finally {
      await container.close();
    }
  });

  it("answers 400 with a one-line error for bad bodies, 404 for unknown routes, and reports health", async () => {
    const h = harness();
    const badFault = await admin(h.emu.url, "POST", "faults", { error: "slow" });
    assert.deepEqual(badFault, { status: 400, json: { error: 'error must be one of throttling, accessDenied, serverError, got "slow"' } });
    const unknownSetting = await admin(h.emu.url, "POST", "faults", { latency: 5 });
    assert.equal(unknownSetting.status, 400);
    assert.match((unknownSetting.json as { error: string }).error, /unknown fault setting\(s\): latency/);
    const res = await fetch(`${h.emu.url}/_emulator/faults`, { method: "POST", body: "{oops" });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: string }).error, /request body is not valid JSON/);
    const badContainer = await admin(h.emu.url, "POST", "containers", { endpointName: "x" });
    assert.equal(badContainer.status, 400);
    assert.deepEqual(await admin(h.emu.url, "GET", "nothing"), { status: 404, json: { error: "no admin route GET /_emulator/nothing" } });
    assert.deepEqual(await admin(h.emu.url, "GET", "health"), { status: 200, json: { status: "ok" } });
  });
});
