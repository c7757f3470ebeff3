// UpdateEndpointWeightsAndCapacities through the real AWS SDK: weights, instance counts and serverless
// concurrency as DescribeEndpoint then reports them, the API model's ranges, and the per-variant rules.
// An accepted call makes the endpoint `Updating` (desired values reported at once, current values and
// routing unchanged) until the update completes, as SageMaker does; tests wait for InService as a client would.
import { strict as assert } from "node:assert";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  type DesiredWeightAndCapacity,
  type DescribeEndpointOutput,
} from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { startFakeContainer, type FakeContainer } from "./fake-container";
import { describeUntil, rejection, useHarness, type Harness } from "./harness";

const NAME = "weights";

async function describe_(h: Harness): Promise<DescribeEndpointOutput> {
  return h.sm.send(new DescribeEndpointCommand({ EndpointName: NAME }));
}

async function inService(h: Harness, configName: string): Promise<DescribeEndpointOutput> {
  return describeUntil(h.sm, NAME, (d) => d.EndpointStatus === "InService" && d.EndpointConfigName === configName);
}

function update(h: Harness, desired: DesiredWeightAndCapacity[]) {
  return h.sm.send(new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: NAME, DesiredWeightsAndCapacities: desired }));
}

/** Endpoint `weights` on config `<name>-1`: instance variants A (weight 3, 2 instances) and B (1, 1), serverless S (weight 1). */
async function seed(h: Harness): Promise<void> {
  await h.sm.send(new CreateModelCommand({ ModelName: "m", PrimaryContainer: { Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1" }, ExecutionRoleArn: "arn:aws:iam::123456789012:role/r" }));
  for (const config of [`${NAME}-1`, `${NAME}-2`]) {
    await h.sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: config,
        ProductionVariants: [
          { VariantName: "A", ModelName: "m", InitialVariantWeight: 3, InstanceType: "ml.m5.large", InitialInstanceCount: 2 },
          { VariantName: "B", ModelName: "m", InitialVariantWeight: 1, InstanceType: "ml.m5.large", InitialInstanceCount: 1 },
          { VariantName: "S", ModelName: "m", InitialVariantWeight: 1, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 20 } },
        ],
      }),
    );
  }
  await h.sm.send(new CreateEndpointCommand({ EndpointName: NAME, EndpointConfigName: `${NAME}-1` }));
  await inService(h, `${NAME}-1`);
}

/** The distinct variants that served `n` invocations without a target, sorted. */
async function invokedVariants(h: Harness, n: number): Promise<string[]> {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const answer = await h.runtime.send(new InvokeEndpointCommand({ EndpointName: NAME, Body: "{}", ContentType: "application/json" }));
    seen.add(answer.InvokedProductionVariant ?? "?");
  }
  return [...seen].sort();
}

const counts = (d: DescribeEndpointOutput) => d.ProductionVariants?.map((v) => [v.VariantName, v.CurrentWeight, v.DesiredWeight, v.CurrentInstanceCount, v.DesiredInstanceCount]);

describe("emulator: UpdateEndpointWeightsAndCapacities", function () {
  this.timeout(20_000);
  const harness = useHarness({ endpointCreationDelayMs: 0, deploymentTimeFactor: 0.001 });

  it("reports the config's weights and instance counts, then the updated ones; a new config starts from its own", async () => {
    const h = harness();
    await seed(h);
    assert.deepEqual(counts(await describe_(h)), [
      ["A", 3, 3, 2, 2],
      ["B", 1, 1, 1, 1],
      ["S", 1, 1, undefined, undefined],
    ]);
    await update(h, [
      { VariantName: "A", DesiredInstanceCount: 4 },
      { VariantName: "B", DesiredWeight: 0.5, DesiredInstanceCount: 0 },
      { VariantName: "S", ServerlessUpdateConfig: { ProvisionedConcurrency: 5 } },
    ]);
    const updated = await inService(h, `${NAME}-1`);
    assert.deepEqual(counts(updated), [
      ["A", 3, 3, 4, 4],
      ["B", 0.5, 0.5, 0, 0],
      ["S", 1, 1, undefined, undefined],
    ]);
    const serverless = updated.ProductionVariants?.[2];
    assert.deepEqual(serverless?.CurrentServerlessConfig, { MemorySizeInMB: 2048, MaxConcurrency: 20, ProvisionedConcurrency: 5 });
    assert.deepEqual(serverless?.DesiredServerlessConfig, serverless?.CurrentServerlessConfig);
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: NAME, EndpointConfigName: `${NAME}-2` }));
    assert.deepEqual(counts(await inService(h, `${NAME}-2`)), [
      ["A", 3, 3, 2, 2],
      ["B", 1, 1, 1, 1],
      ["S", 1, 1, undefined, undefined],
    ]);
  });

  it("checks the API model's ranges, naming each member as AWS does", async () => {
    const h = harness();
    await seed(h);
    const error = await rejection(
      update(h, [
        { VariantName: "A", DesiredInstanceCount: -1, DesiredWeight: -0.5 },
        { VariantName: "S", ServerlessUpdateConfig: { MaxConcurrency: 201, ProvisionedConcurrency: 0 } },
      ]),
    );
    assert.equal(error.name, "ValidationException");
    assert.equal(
      error.message,
      "4 validation errors detected: " +
        "Value '-0.5' at 'desiredWeightsAndCapacities.1.member.desiredWeight' failed to satisfy constraint: Member must have value greater than or equal to 0; " +
        "Value '-1' at 'desiredWeightsAndCapacities.1.member.desiredInstanceCount' failed to satisfy constraint: Member must have value greater than or equal to 0; " +
        "Value '201' at 'desiredWeightsAndCapacities.2.member.serverlessUpdateConfig.maxConcurrency' failed to satisfy constraint: Member must have value less than or equal to 200; " +
        "Value '0' at 'desiredWeightsAndCapacities.2.member.serverlessUpdateConfig.provisionedConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    const empty = await rejection(update(h, []));
    assert.match(empty.message, /at 'desiredWeightsAndCapacities' failed to satisfy constraint: Member must have length greater than or equal to 1/);
  });

  it("is Updating right after the call (desired reported, current and routing unchanged), refuses updates meanwhile, then InService with current = desired", async () => {
    const h = harness();
    await seed(h);
    const container: FakeContainer = await startFakeContainer();
    try {
      h.emu.attachContainer(NAME, container.url);
      await update(h, [
        { VariantName: "B", DesiredWeight: 0 },
        { VariantName: "S", DesiredWeight: 0 },
      ]);
      await inService(h, `${NAME}-1`); // now every untargeted call goes to A
      h.emu.setDeploymentTimeFactor(1); // the next update lasts its full emulated time: long enough to look at it
      await update(h, [
        { VariantName: "A", DesiredWeight: 0, DesiredInstanceCount: 3 },
        { VariantName: "B", DesiredWeight: 1 },
        { VariantName: "S", ServerlessUpdateConfig: { ProvisionedConcurrency: 5 } },
      ]);
      const during = await describe_(h);
      assert.equal(during.EndpointStatus, "Updating");
      assert.deepEqual(counts(during), [
        ["A", 3, 0, 2, 3],
        ["B", 0, 1, 1, 1],
        ["S", 0, 0, undefined, undefined],
      ]);
      const serverless = during.ProductionVariants?.[2];
      assert.deepEqual(serverless?.CurrentServerlessConfig, { MemorySizeInMB: 2048, MaxConcurrency: 20 });
      assert.deepEqual(serverless?.DesiredServerlessConfig, { MemorySizeInMB: 2048, MaxConcurrency: 20, ProvisionedConcurrency: 5 });
      assert.deepEqual(await invokedVariants(h, 20), ["A"], "the old weights route while Updating");

      const again = await rejection(update(h, [{ VariantName: "A", DesiredWeight: 1 }]));
      assert.equal(again.name, "ValidationException");
      assert.equal(again.message, `Cannot update in-progress endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/${NAME}".`);
      const redeploy = await rejection(h.sm.send(new UpdateEndpointCommand({ EndpointName: NAME, EndpointConfigName: `${NAME}-2` })));
      assert.equal(redeploy.message, again.message);

      h.emu.setDeploymentTimeFactor(0.001);
      const done = await inService(h, `${NAME}-1`);
      assert.deepEqual(counts(done), [
        ["A", 0, 0, 3, 3],
        ["B", 1, 1, 1, 1],
        ["S", 0, 0, undefined, undefined],
      ]);
      assert.deepEqual(done.ProductionVariants?.[2]?.CurrentServerlessConfig, { MemorySizeInMB: 2048, MaxConcurrency: 20, ProvisionedConcurrency: 5 });
      assert.deepEqual(await invokedVariants(h, 20), ["B"], "the new weights route once InService");
    } finally {
      await container.close();
    }
  });

  const refusals: [string, DesiredWeightAndCapacity[], string][] = [
    ["an unknown variant", [{ VariantName: "Nope", DesiredWeight: 1 }], "Endpoint weights has no production variant named Nope (variants: A, B, S)."],
    [
      "an instance count for a serverless variant",
      [{ VariantName: "S", DesiredInstanceCount: 2 }],
      "Variant S of endpoint weights is serverless: DesiredInstanceCount applies to instance variants only (use ServerlessUpdateConfig).",
    ],
    [
      "a serverless update for an instance variant",
      [{ VariantName: "A", ServerlessUpdateConfig: { MaxConcurrency: 5 } }],
      "Variant A of endpoint weights runs on instances: ServerlessUpdateConfig applies to serverless variants only (use DesiredInstanceCount).",
    ],
    [
      "provisioned concurrency above the maximum",
      [{ VariantName: "S", ServerlessUpdateConfig: { ProvisionedConcurrency: 21 } }],
      "ProvisionedConcurrency (21) of variant S must be less than or equal to MaxConcurrency (20).",
    ],
  ];
  for (const [what, desired, message] of refusals) {
    it(`refuses ${what} and changes nothing, not even the items before it`, async () => {
      const h = harness();
      await seed(h);
      const before = counts(await describe_(h));
      const error = await rejection(update(h, [{ VariantName: "A", DesiredWeight: 7, DesiredInstanceCount: 5 }, ...desired]));
      assert.equal(error.name, "ValidationException");
      assert.equal(error.message, message);
      assert.deepEqual(counts(await describe_(h)), before);
    });
  }
});
