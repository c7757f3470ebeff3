import * as assert from "node:assert/strict";
import { StackState } from "../../local/physical-names";
import { createEndpointConfigInput, createEndpointInput, createModelInput } from "../../local/sagemaker-inputs";

describe("local mode: Pulumi inputs to SageMaker create requests", () => {
  const tags = { ModelVersion: "1.4.0", ManagedBy: "pulumi" };

  it("carries the model's container environment, role and tags", () => {
    const request = createModelInput("m-1", {
      executionRoleArn: "arn:aws:iam::123456789012:role/r",
      enableNetworkIsolation: false,
      primaryContainer: { image: "img@sha256:00", environment: { SAGEMAKER_ENDPOINT_NAME: "e" } },
      tags,
    });
    assert.deepEqual(request, {
      ModelName: "m-1",
      ExecutionRoleArn: "arn:aws:iam::123456789012:role/r",
      EnableNetworkIsolation: false,
      PrimaryContainer: { Image: "img@sha256:00", Environment: { SAGEMAKER_ENDPOINT_NAME: "e" }, ModelDataUrl: undefined, Mode: undefined },
      Tags: [
        { Key: "ModelVersion", Value: "1.4.0" },
        { Key: "ManagedBy", Value: "pulumi" },
      ],
    });
  });

  it("maps serverless and instance variants, including the SDK's MemorySizeInMB spelling", () => {
    const request = createEndpointConfigInput("c-1", {
      namePrefix: "c-",
      productionVariants: [
        { variantName: "A", modelName: "m", serverlessConfig: { memorySizeInMb: 2048, maxConcurrency: 5 } },
        { variantName: "B", modelName: "m", instanceType: "ml.m5.large", initialInstanceCount: 2, initialVariantWeight: 1 },
      ],
    });
    assert.deepEqual(request.ProductionVariants?.[0].ServerlessConfig, { MemorySizeInMB: 2048, MaxConcurrency: 5, ProvisionedConcurrency: undefined });
    assert.equal(request.ProductionVariants?.[1].InstanceType, "ml.m5.large");
    assert.equal(request.ProductionVariants?.[1].InitialInstanceCount, 2);
    assert.deepEqual(request.Tags, []);
  });

  it("turns the blue/green deployment config into the SDK's PascalCase shape", () => {
    const request = createEndpointInput("e", {
      name: "e",
      endpointConfigName: "c-1",
      deploymentConfig: {
        blueGreenUpdatePolicy: { trafficRoutingConfiguration: { type: "CANARY", waitIntervalInSeconds: 300, canarySize: { type: "CAPACITY_PERCENT", value: 50 } } },
        autoRollbackConfiguration: { alarms: [{ alarmName: "a" }] },
      },
      tags,
    });
    assert.deepEqual(request.DeploymentConfig, {
      BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: "CANARY", WaitIntervalInSeconds: 300, CanarySize: { Type: "CAPACITY_PERCENT", Value: 50 } } },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: "a" }] },
    });
  });

  it("refuses fields it does not translate instead of dropping them", () => {
    assert.throws(() => createModelInput("m", { vpcConfig: {} }), { message: "local mode cannot emulate Model field(s) vpcConfig" });
    assert.throws(
      () => createEndpointConfigInput("c", { productionVariants: [{ variantName: "A", acceleratorType: "ml.eia1.medium" }] }),
      /EndpointConfiguration productionVariants field\(s\) acceleratorType/,
    );
  });

  it("names resources as Pulumi does: kept across runs, new on replacement, unique per stack", () => {
    const CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
    const ROLE = "aws:iam/role:Role";
    const dev = new StackState("dev");
    const inputs = { productionVariants: [{ variantName: "A" }] };
    const name = dev.physicalName(CONFIG, "endpoint-config", inputs);
    assert.match(name, /^endpoint-config-[0-9a-f]{7}$/);
    assert.equal(dev.physicalName(CONFIG, "endpoint-config", { ...inputs, tags: { ModelVersion: "2" } }), name, "a tag change keeps the name");
    const replaced = dev.physicalName(CONFIG, "endpoint-config", { productionVariants: [{ variantName: "B" }] });
    assert.notEqual(replaced, name, "a replacing change gets a new name");
    assert.notEqual(dev.physicalName(CONFIG, "endpoint-config", inputs), name, "going back is another replacement, another name");
    const role = dev.physicalName(ROLE, "role", { description: "a" });
    assert.equal(dev.physicalName(ROLE, "role", { description: "b" }), role, "an in-place update keeps the name");
    assert.notEqual(new StackState("prod").physicalName(CONFIG, "endpoint-config", inputs), name, "another stack, another name");
    assert.equal(new StackState("dev").physicalName(CONFIG, "endpoint-config", inputs), name, "reproducible per stack");
    assert.match(dev.physicalName(ROLE, "x", { namePrefix: "cfg_" }), /^cfg-[0-9a-f]{7}$/);
    assert.equal(dev.physicalName(ROLE, "x", { name: "fixed" }), "fixed");
    assert.equal(dev.physicalName(ROLE, "a".repeat(80), {}).length, 63);
  });

  it("keeps a RandomId while its keepers stay and draws a new one when they change, even back", () => {
    const state = new StackState("dev");
    const first = state.randomId("fleet", { byteLength: 5, keepers: { image: "a" } });
    assert.match(first.hex, /^[0-9a-f]{10}$/);
    assert.deepEqual(state.randomId("fleet", { byteLength: 5, keepers: { image: "a" } }), first);
    const second = state.randomId("fleet", { byteLength: 5, keepers: { image: "b" } });
    const third = state.randomId("fleet", { byteLength: 5, keepers: { image: "a" } });
    assert.equal(new Set([first.hex, second.hex, third.hex]).size, 3);
  });
});
