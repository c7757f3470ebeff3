import * as assert from "node:assert/strict";
import { physicalName } from "../../local/physical-names";
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

  it("names resources stably, keeps explicit names, and ignores tags in the generated suffix", () => {
    const inputs = { productionVariants: [{ variantName: "A" }] };
    const name = physicalName("endpoint-config", inputs);
    assert.match(name, /^endpoint-config-[0-9a-f]{7}$/);
    assert.equal(physicalName("endpoint-config", { ...inputs, tags: { ModelVersion: "2" } }), name);
    assert.notEqual(physicalName("endpoint-config", { productionVariants: [{ variantName: "B" }] }), name);
    assert.match(physicalName("x", { namePrefix: "cfg_" }), /^cfg-[0-9a-f]{7}$/);
    assert.equal(physicalName("x", { name: "fixed" }), "fixed");
    assert.equal(physicalName("a".repeat(80), {}).length, 63);
  });
});
