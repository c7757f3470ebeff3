// Blue/green deployments in the emulator, through the real AWS SDK: UpdateEndpoint runs like SageMaker's
// (Updating, PendingDeploymentSummary with VariantStatus Creating -> ActivatingTraffic -> Baking, the old
// config named until the switch), InvokeEndpoint follows the traffic shift, and faults roll back.
import { strict as assert } from "node:assert";
import {
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
  type DeploymentConfig,
  type DescribeEndpointOutput,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { seedDeployment } from "../../local/emulator";
import type { JsonObject } from "../../local/emulator/constraints";
import { deploymentPlan } from "../../local/emulator/deployment-plan";
import { startFakeContainer, type FakeContainer } from "./fake-container";
import { describeUntil, useHarness, type Harness } from "./harness";

/** 300 s of SageMaker time is 0.3 s here. */
const TIME_FACTOR = 0.001;

const CANARY: DeploymentConfig = {
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: { Type: "CANARY", CanarySize: { Type: "CAPACITY_PERCENT", Value: 50 }, WaitIntervalInSeconds: 300 },
    TerminationWaitInSeconds: 300,
  },
  AutoRollbackConfiguration: { Alarms: [{ AlarmName: "errors" }] },
};

async function describe_(sm: SageMakerClient, name: string): Promise<DescribeEndpointOutput> {
  return sm.send(new DescribeEndpointCommand({ EndpointName: name }));
}

/** A seeded instance endpoint on config `<name>-config`, and a second config `<name>-green` on the same model. */
async function blueAndGreen(h: Harness, name: string) {
  const d = await seedDeployment(h.sm, { endpointName: name, variant: { InstanceType: "ml.m5.large", InitialInstanceCount: 2 } });
  await describeUntil(h.sm, name, (described) => described.EndpointStatus === "InService");
  await h.sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: `${name}-green`,
      ProductionVariants: [{ VariantName: "AllTraffic", ModelName: d.modelName, InstanceType: "ml.m5.large", InitialInstanceCount: 2 }],
    }),
  );
  return d;
}

/** Polls DescribeEndpoint until InService, recording each distinct (status, config, pending phase, weight). */
async function watch(sm: SageMakerClient, name: string, timeoutMs = 10_000): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await describe_(sm, name);
    const pending = d.PendingDeploymentSummary?.ProductionVariants?.[0];
    const line = `${d.EndpointStatus} ${d.EndpointConfigName}${pending ? ` pending=${d.PendingDeploymentSummary?.EndpointConfigName} ${pending.VariantStatus?.[0]?.Status} ${pending.CurrentWeight}` : ""}`;
    if (seen.at(-1) !== line) seen.push(line);
    if (d.EndpointStatus === "InService") return seen;
    if (Date.now() > deadline) throw new Error(`not InService after ${timeoutMs} ms: ${seen.join(" | ")}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("emulator deployments: the plan", () => {
  it("follows the blue/green policy: all at once, canary, linear; no policy is SageMaker's default update", () => {
    assert.deepEqual(deploymentPlan(undefined, []).trafficSteps, [100]);
    assert.deepEqual(deploymentPlan(CANARY as JsonObject, []), { trafficSteps: [50, 100], waitIntervalSeconds: 300, terminationWaitSeconds: 300, autoRollback: true });
    const linear = { BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: "LINEAR", LinearStepSize: { Type: "CAPACITY_PERCENT", Value: 30 }, WaitIntervalInSeconds: 60 } } };
    assert.deepEqual(deploymentPlan(linear, []).trafficSteps, [30, 60, 90, 100]);
    const byCount = { BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: "CANARY", CanarySize: { Type: "INSTANCE_COUNT", Value: 1 } } } };
    assert.deepEqual(deploymentPlan(byCount, [{ InitialInstanceCount: 4 }]).trafficSteps, [25, 100]);
    assert.equal(deploymentPlan({ BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: "ALL_AT_ONCE" } } }, []).autoRollback, false);
  });
});

describe("emulator deployments: UpdateEndpoint", function () {
  this.timeout(20_000);
  // A new fleet takes 300 ms to create (there is no launcher here): long enough to be seen on a busy machine.
  const harness = useHarness({ deploymentTimeFactor: TIME_FACTOR, endpointCreationDelayMs: 300 });
  let fleets: FakeContainer[] = [];
  afterEach(async () => {
    await Promise.all(fleets.map((fleet) => fleet.close()));
    fleets = [];
  });

  it("keeps the old config until the new fleet has baked, reporting the new one as pending (canary)", async () => {
    const h = harness();
    const d = await blueAndGreen(h, "canary");
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: d.endpointName, EndpointConfigName: "canary-green", DeploymentConfig: CANARY }));
    const seen = await watch(h.sm, d.endpointName);
    const phases = [
      "Updating canary-config pending=canary-green Creating 0",
      "Updating canary-config pending=canary-green ActivatingTraffic 0.5",
      "Updating canary-config pending=canary-green Baking 0.5",
      "Updating canary-config pending=canary-green ActivatingTraffic 1",
      "Updating canary-config pending=canary-green Baking 1",
      "InService canary-green",
    ];
    // Each phase in order; the 5 ms ActivatingTraffic steps may fall between two polls.
    assert.deepEqual(seen, phases.filter((phase) => seen.includes(phase)));
    for (const phase of [phases[0], phases[2], phases[4], phases[5]]) assert.ok(seen.includes(phase), `${phase} in ${seen.join(" | ")}`);
  });

  it("routes invocations by the traffic shift and terminates the old fleet after the termination wait", async () => {
    const h = harness();
    const d = await blueAndGreen(h, "routed");
    const [blue, green] = (fleets = [await startFakeContainer(), await startFakeContainer()]);
    const stopped: string[] = [];
    h.emu.attachContainer(d.endpointName, blue.url, { configName: d.configName, stop: async () => void stopped.push("blue") });
    h.emu.attachContainer(d.endpointName, green.url, { configName: "routed-green", stop: async () => void stopped.push("green") });
    const invoke = () => h.runtime.send(new InvokeEndpointCommand({ EndpointName: d.endpointName, Body: "{}", ContentType: "application/json" }));
    await invoke();
    assert.equal(blue.received.length, 1);
    const slow: DeploymentConfig = {
      ...CANARY,
      BlueGreenUpdatePolicy: {
        ...CANARY.BlueGreenUpdatePolicy,
        TrafficRoutingConfiguration: { ...CANARY.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration, Type: "CANARY", WaitIntervalInSeconds: 1500 },
      },
    };
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: d.endpointName, EndpointConfigName: "routed-green", DeploymentConfig: slow }));
    for (;;) {
      const pending = (await describe_(h.sm, d.endpointName)).PendingDeploymentSummary?.ProductionVariants?.[0];
      if (pending?.VariantStatus?.[0]?.Status === "Baking") break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const before = { blue: blue.received.length, green: green.received.length };
    for (let i = 0; i < 100; i += 1) await invoke();
    const blueShare = blue.received.length - before.blue;
    const greenShare = green.received.length - before.green;
    assert.equal(blueShare + greenShare, 100);
    assert.ok(blueShare > 25 && greenShare > 25, `50 % canary: blue ${blueShare}, green ${greenShare}`);
    await watch(h.sm, d.endpointName);
    const afterSwitch = green.received.length;
    for (let i = 0; i < 20; i += 1) await invoke();
    assert.equal(green.received.length, afterSwitch + 20, "all traffic on the new fleet once InService");
    assert.deepEqual(stopped, [], "the old fleet lingers for the termination wait");
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.deepEqual(stopped, ["blue"]);
  });

  for (const fault of ["health-check", "alarm"] as const) {
    it(`rolls back when ${fault === "alarm" ? "an alarm fires while baking" : "the new fleet fails its health check"}: old config, InService, no pending deployment, new fleet terminated`, async () => {
      const h = harness();
      const d = await blueAndGreen(h, `rollback-${fault}`);
      const stopped: string[] = [];
      h.emu.attachContainer(d.endpointName, "http://127.0.0.1:9", { configName: `rollback-${fault}-green`, stop: async () => void stopped.push("green") });
      h.emu.setDeploymentFault(fault);
      await h.sm.send(new UpdateEndpointCommand({ EndpointName: d.endpointName, EndpointConfigName: `rollback-${fault}-green`, DeploymentConfig: CANARY }));
      const seen = await watch(h.sm, d.endpointName);
      const done = await describe_(h.sm, d.endpointName);
      assert.equal(done.EndpointStatus, "InService");
      assert.equal(done.EndpointConfigName, d.configName);
      assert.equal(done.PendingDeploymentSummary, undefined);
      assert.deepEqual(stopped, ["green"]);
      assert.ok(seen.every((line) => !line.includes("Baking 1")), seen.join(" | "));
    });
  }

  it("does not roll back on an alarm without AutoRollbackConfiguration (as SageMaker ignores alarms then)", async () => {
    const h = harness();
    const d = await blueAndGreen(h, "no-alarms");
    h.emu.setDeploymentFault("alarm");
    const noRollback: DeploymentConfig = { BlueGreenUpdatePolicy: CANARY.BlueGreenUpdatePolicy };
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: d.endpointName, EndpointConfigName: "no-alarms-green", DeploymentConfig: noRollback }));
    await watch(h.sm, d.endpointName);
    assert.equal((await describe_(h.sm, d.endpointName)).EndpointConfigName, "no-alarms-green");
  });

  it("refuses a second update while one runs, and takes a bad fault value as a one-line error", async () => {
    const h = harness();
    const d = await blueAndGreen(h, "busy");
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: d.endpointName, EndpointConfigName: "busy-green", DeploymentConfig: CANARY }));
    await assert.rejects(h.sm.send(new UpdateEndpointCommand({ EndpointName: d.endpointName, EndpointConfigName: "busy-green" })), /Cannot update in-progress endpoint/);
    assert.throws(() => h.emu.setDeploymentFault("boom" as never), /^Error: deployment fault must be one of health-check, alarm or null, got "boom"$/);
  });
});
