// Blue/green updates of multi-variant endpoints in the emulator, through the real AWS SDK: every variant
// gets a container in the new fleet, traffic shifts per variant (a variant picked by the weights goes to
// its new container with the step's share), PendingDeploymentSummary lists every variant, a rollback
// returns every variant to its old container, and a guarded update must keep the variant names.
import { strict as assert } from "node:assert";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  type DeploymentConfig,
  type DescribeEndpointOutput,
  type ProductionVariant,
} from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { startFakeContainer, type FakeContainer } from "./fake-container";
import { describeUntil, rejection, useHarness, type Harness } from "./harness";

/** 300 s of SageMaker time is 0.3 s here; the bake below is long enough to invoke during it. */
const TIME_FACTOR = 0.001;

/** A 50 % canary that bakes 3000 s (3 s here, unless a test slows time down) with auto-rollback. */
const CANARY: DeploymentConfig = {
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: { Type: "CANARY", CanarySize: { Type: "CAPACITY_PERCENT", Value: 50 }, WaitIntervalInSeconds: 3000 },
    TerminationWaitInSeconds: 0,
  },
  AutoRollbackConfiguration: { Alarms: [{ AlarmName: "errors" }] },
};

const VARIANTS = ["Current", "Candidate"];

/** Variants `names` on model `model`, equal weights, instance counts 2, 1, ... */
function variants(model: string, names: string[] = VARIANTS): ProductionVariant[] {
  return names.map((name, i) => ({ VariantName: name, ModelName: model, InitialVariantWeight: 1, InstanceType: "ml.m5.large", InitialInstanceCount: Math.max(1, 2 - i) }));
}

async function describe_(h: Harness, name: string): Promise<DescribeEndpointOutput> {
  return h.sm.send(new DescribeEndpointCommand({ EndpointName: name }));
}

const inService = (d: DescribeEndpointOutput) => d.EndpointStatus === "InService";
const baking = (d: DescribeEndpointOutput) => d.PendingDeploymentSummary?.ProductionVariants?.[0]?.VariantStatus?.[0]?.Status === "Baking";

/** A two-variant endpoint `<name>` on config `<name>-blue`, and config `<name>-green` with `greenNames`. */
async function twoVariants(h: Harness, name: string, greenNames: string[] = VARIANTS) {
  const model = `${name}-model`;
  await h.sm.send(new CreateModelCommand({ ModelName: model, PrimaryContainer: { Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1" }, ExecutionRoleArn: "arn:aws:iam::123456789012:role/r" }));
  await h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: `${name}-blue`, ProductionVariants: variants(model) }));
  await h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: `${name}-green`, ProductionVariants: variants(model, greenNames) }));
  await h.sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-blue` }));
  await describeUntil(h.sm, name, inService);
  return { blue: `${name}-blue`, green: `${name}-green` };
}

describe("emulator deployments: multi-variant endpoints", function () {
  this.timeout(30_000);
  const harness = useHarness({ deploymentTimeFactor: TIME_FACTOR, endpointCreationDelayMs: 200 });
  let containers: FakeContainer[] = [];
  afterEach(async () => {
    await Promise.all(containers.map((container) => container.close()));
    containers = [];
  });

  /** One fake container per fleet and variant, attached; `stopped` records `<fleet>/<variant>` as each is stopped. */
  async function attachFleets(h: Harness, name: string, fleets: Record<string, string>, stopped: string[] = []) {
    const byKey: Record<string, FakeContainer> = {};
    for (const [fleet, configName] of Object.entries(fleets)) {
      for (const variantName of VARIANTS) {
        const container = await startFakeContainer();
        containers.push(container);
        byKey[`${fleet}/${variantName}`] = container;
        h.emu.attachContainer(name, container.url, { configName, variantName, stop: async () => void stopped.push(`${fleet}/${variantName}`) });
      }
    }
    return byKey;
  }

  /** `n` invocations (optionally targeted); returns the count per `<fleet>/<variant>` and per reported variant. */
  async function invokeMany(h: Harness, name: string, byKey: Record<string, FakeContainer>, n: number, target?: string) {
    const before = Object.fromEntries(Object.entries(byKey).map(([key, c]) => [key, c.received.length]));
    const reported: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const answer = await h.runtime.send(new InvokeEndpointCommand({ EndpointName: name, TargetVariant: target, Body: "{}", ContentType: "application/json" }));
      const variant = answer.InvokedProductionVariant ?? "?";
      reported[variant] = (reported[variant] ?? 0) + 1;
    }
    const served = Object.fromEntries(Object.entries(byKey).map(([key, c]) => [key, c.received.length - before[key]]));
    return { served, reported };
  }

  it("shifts each variant to its own new container during a canary, lists every variant as pending, ends InService on the new config", async () => {
    const h = harness();
    const { blue, green } = await twoVariants(h, "ab-canary");
    const byKey = await attachFleets(h, "ab-canary", { blue, green });
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: "ab-canary", EndpointConfigName: green, DeploymentConfig: CANARY }));
    const during = await describeUntil(h.sm, "ab-canary", baking);
    h.emu.setDeploymentTimeFactor(1); // the bake now lasts 3000 s: long enough for every invocation below
    assert.equal(during.EndpointConfigName, blue);
    assert.equal(during.PendingDeploymentSummary?.EndpointConfigName, green);
    assert.deepEqual(
      during.PendingDeploymentSummary?.ProductionVariants?.map((v) => [v.VariantName, v.VariantStatus?.[0]?.Status, v.CurrentWeight, v.DesiredInstanceCount]),
      [
        ["Current", "Baking", 0.5, 2],
        ["Candidate", "Baking", 0.5, 1],
      ],
    );
    const pendingConfig = await h.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: during.PendingDeploymentSummary?.EndpointConfigName }));
    assert.deepEqual(pendingConfig.ProductionVariants?.map((v) => v.VariantName), VARIANTS);

    const { served, reported } = await invokeMany(h, "ab-canary", byKey, 200);
    // Each variant (p = 0.5) and, within it, each fleet (p = 0.5) gets ~50 of 200; > 15 is far outside chance.
    for (const key of Object.keys(byKey)) assert.ok(served[key] > 15, `${key}: ${JSON.stringify(served)}`);
    for (const variant of VARIANTS) assert.equal(reported[variant], served[`blue/${variant}`] + served[`green/${variant}`], JSON.stringify({ served, reported }));
    const targeted = await invokeMany(h, "ab-canary", byKey, 40, "Candidate");
    assert.equal(targeted.served["blue/Current"] + targeted.served["green/Current"], 0, "TargetVariant reaches only that variant's containers");
    assert.ok(targeted.served["blue/Candidate"] > 0 && targeted.served["green/Candidate"] > 0, JSON.stringify(targeted.served));

    h.emu.setDeploymentTimeFactor(TIME_FACTOR);
    const done = await describeUntil(h.sm, "ab-canary", (d) => inService(d) && d.PendingDeploymentSummary === undefined);
    assert.equal(done.EndpointConfigName, green);
    assert.deepEqual(done.ProductionVariants?.map((v) => [v.VariantName, v.CurrentWeight, v.CurrentInstanceCount]), [
      ["Current", 1, 2],
      ["Candidate", 1, 1],
    ]);
    const after = await invokeMany(h, "ab-canary", byKey, 40);
    assert.equal(after.served["green/Current"] + after.served["green/Candidate"], 40, `only the new fleet: ${JSON.stringify(after.served)}`);
  });

  it("keeps the live weights while shifting: a variant weighted 0 gets no traffic from either fleet until the switch", async () => {
    // On the old code the canary share was routed by the new config's weights, so Current got traffic.
    const h = harness();
    const { blue, green } = await twoVariants(h, "ab-live");
    const byKey = await attachFleets(h, "ab-live", { blue, green });
    await h.sm.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: "ab-live", DesiredWeightsAndCapacities: [{ VariantName: "Current", DesiredWeight: 0 }] }),
    );
    await describeUntil(h.sm, "ab-live", inService); // the weights update is Updating first, and UpdateEndpoint waits for InService
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: "ab-live", EndpointConfigName: green, DeploymentConfig: CANARY }));
    await describeUntil(h.sm, "ab-live", baking);
    h.emu.setDeploymentTimeFactor(1);
    const { served } = await invokeMany(h, "ab-live", byKey, 100);
    assert.equal(served["blue/Current"] + served["green/Current"], 0, JSON.stringify(served));
    assert.ok(served["blue/Candidate"] > 15 && served["green/Candidate"] > 15, JSON.stringify(served));
  });

  for (const fault of ["health-check", "alarm"] as const) {
    it(`rolls every variant back to its old container (${fault})`, async () => {
      const h = harness();
      const { blue, green } = await twoVariants(h, `ab-${fault}`);
      const stopped: string[] = [];
      const byKey = await attachFleets(h, `ab-${fault}`, { blue, green }, stopped);
      h.emu.setDeploymentFault(fault);
      await h.sm.send(new UpdateEndpointCommand({ EndpointName: `ab-${fault}`, EndpointConfigName: green, DeploymentConfig: CANARY }));
      const seen = new Set<string>();
      const done = await describeUntil(h.sm, `ab-${fault}`, (d) => {
        seen.add(`${d.EndpointStatus} ${d.PendingDeploymentSummary?.ProductionVariants?.map((v) => v.VariantName).join("+") ?? ""}`);
        return inService(d);
      });
      assert.equal(done.EndpointConfigName, blue);
      assert.equal(done.PendingDeploymentSummary, undefined);
      assert.ok(seen.has("Updating Current+Candidate"), [...seen].join(" | "));
      assert.deepEqual(stopped.sort(), ["green/Candidate", "green/Current"], "both variants' new containers are stopped");
      for (const variant of VARIANTS) {
        const { served } = await invokeMany(h, `ab-${fault}`, byKey, 10, variant);
        assert.equal(served[`blue/${variant}`], 10, `${variant} back on its old container: ${JSON.stringify(served)}`);
      }
    });
  }

  it("refuses a guarded update that renames a variant; allows it without DeploymentConfig (all at once)", async () => {
    const h = harness();
    const { green } = await twoVariants(h, "ab-rename", ["Current", "Challenger"]);
    const error = await rejection(h.sm.send(new UpdateEndpointCommand({ EndpointName: "ab-rename", EndpointConfigName: green, DeploymentConfig: CANARY })));
    assert.equal(error.name, "ValidationException");
    assert.equal(
      error.message,
      "An update with a DeploymentConfig must keep the endpoint's production variant names: endpoint ab-rename has Candidate, Current, endpoint config ab-rename-green has Challenger, Current. Rename variants with an update without DeploymentConfig (all at once).",
    );
    assert.equal((await describe_(h, "ab-rename")).EndpointStatus, "InService", "nothing started");
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: "ab-rename", EndpointConfigName: green }));
    const done = await describeUntil(h.sm, "ab-rename", (d) => inService(d) && d.EndpointConfigName === green);
    assert.deepEqual(done.ProductionVariants?.map((v) => v.VariantName), ["Current", "Challenger"]);
    assert.equal(done.LastDeploymentConfig, undefined);
  });

  it("applies RetainDeploymentConfig: the last DeploymentConfig is reused only when asked, and then guards renames", async () => {
    const h = harness();
    const { blue, green } = await twoVariants(h, "ab-retain");
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: "ab-retain", EndpointConfigName: green, DeploymentConfig: CANARY }));
    await describeUntil(h.sm, "ab-retain", (d) => inService(d) && d.EndpointConfigName === green, 20_000);
    const model = "ab-retain-model";
    await h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: "ab-retain-renamed", ProductionVariants: variants(model, ["Current", "Challenger"]) }));
    const error = await rejection(h.sm.send(new UpdateEndpointCommand({ EndpointName: "ab-retain", EndpointConfigName: "ab-retain-renamed", RetainDeploymentConfig: true })));
    assert.match(error.message, /must keep the endpoint's production variant names/);
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: "ab-retain", EndpointConfigName: blue }));
    const back = await describeUntil(h.sm, "ab-retain", (d) => inService(d) && d.EndpointConfigName === blue);
    assert.equal(back.LastDeploymentConfig, undefined, "not reused without RetainDeploymentConfig");
  });
});
