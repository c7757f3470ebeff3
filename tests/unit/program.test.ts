// The real program on the fake-AWS mocks, for the real stack files.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { packDirectory } from "../../components/model-archive/pack";
import { ProgramRun } from "../../local/program-runner";
import { ACCOUNT_ID } from "../support/fake-aws";
import { S3_SETTINGS, TYPES, generationHex, modelEnvironment, onlyResource, resourcesOfType, revealSecrets, runStack, runStackFile } from "../support/program";

const OUTPUT_NAMES = [
  "dashboardName",
  "endpointArn",
  "endpointConfigArn",
  "endpointConfigName",
  "endpointName",
  "imageUri",
  "modelArn",
  "modelDataUrl",
  "modelName",
  "region",
  "roleArn",
  "rollbackAlarmNames",
  "tags",
  "variantNames",
];
/** AWS resource types without tags (inline role policies, scaling policies, S3 settings, dashboards). */
const UNTAGGABLE = new Set<string>([TYPES.rolePolicy, TYPES.scalingPolicy, ...S3_SETTINGS, TYPES.bucketObject, TYPES.dashboard]);

function declared(run: ProgramRun): string[] {
  return run.resources.map((resource) => `${resource.type} ${resource.name}`).sort();
}

describe("program: dev stack (serverless)", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runStackFile("dev");
  });

  it("declares the three components and a serverless endpoint's resources, nothing else", () => {
    assert.deepStrictEqual(declared(run), [
      `${TYPES.dashboard} dashboard`,
      `${TYPES.repository} inference-image-repository`,
      `${TYPES.role} execution-role`,
      `${TYPES.rolePolicy} endpoint-tag-read`,
      `${TYPES.rolePolicy} execution-role-ecr-pull`,
      `${TYPES.rolePolicy} execution-role-logs`,
      `${TYPES.rolePolicy} execution-role-metrics`,
      `${TYPES.rolePolicy} execution-role-model-data`,
      `${TYPES.bucket} model-archive-bucket`,
      `${TYPES.bucketObject} model-archive-object-${packDirectory(path.join(__dirname, "..", "..", "container", "model-onnx")).contentHash.slice(0, 16)}`,
      `${TYPES.bucketPublicAccess} model-archive-public-access`,
      `${TYPES.bucketEncryption} model-archive-encryption`,
      `${TYPES.bucketVersioning} model-archive-versioning`,
      `${TYPES.endpoint} endpoint`,
      `${TYPES.endpointConfig} endpoint-config`,
      `${TYPES.model} endpoint-model`,
      `${TYPES.image} inference-image`,
      `${TYPES.stackReference} organization/tagged-endpoint/dev`,
      `${TYPES.fleet} endpoint-config-generation`,
      `${TYPES.fleet} endpoint-model-generation`,
      "tagged-endpoint:iam:ExecutionRole execution-role",
      "tagged-endpoint:image:InferenceImage inference-image",
      "tagged-endpoint:s3:ModelArchiveBucket model-archive",
      "tagged-endpoint:sagemaker:TaggedEndpoint endpoint",
    ]);
  });

  it("puts the same merged tags on the role, repository, model bucket, Model, EndpointConfiguration and Endpoint", () => {
    const expected = {
      ModelVersion: "1.4.0",
      DeploymentStage: "dev",
      CreatedBy: "platform-team",
      CostCenter: "ml-research",
      "pulumi:project": "tagged-endpoint",
      "pulumi:stack": "dev",
      ManagedBy: "pulumi",
    };
    const tagged = run.resources.filter((resource) => resource.type.startsWith("aws:") && !UNTAGGABLE.has(resource.type));
    assert.deepStrictEqual(tagged.map((resource) => resource.type).sort(), [
      TYPES.repository,
      TYPES.role,
      TYPES.bucket,
      TYPES.endpoint,
      TYPES.endpointConfig,
      TYPES.model,
    ]);
    for (const resource of tagged) assert.deepStrictEqual(resource.inputs.tags, expected, resource.name);
    assert.deepStrictEqual(run.outputs.tags, expected);
  });

  it("gives the Model container its endpoint and model names (no config name), region, tag cache TTL, exposed keys, tagsRequired, variant and metrics namespace", () => {
    assert.deepStrictEqual(modelEnvironment(run), {
      SAGEMAKER_ENDPOINT_NAME: "tagged-endpoint-dev",
      SAGEMAKER_MODEL_NAME: run.outputs.modelName,
      AWS_REGION: "us-east-1",
      TAG_CACHE_TTL_SECONDS: "300",
      EXPOSED_TAG_KEYS: "ModelVersion,DeploymentStage,CreatedBy,CostCenter",
      TAGS_REQUIRED: "false",
      SAGEMAKER_VARIANT_NAME: "AllTraffic",
      METRICS_NAMESPACE: "SageMakerTaggedEndpoints",
    });
  });

  it("runs the pushed image by digest, with network isolation off and the execution role", () => {
    const model = onlyResource(run, TYPES.model).inputs;
    const image = onlyResource(run, TYPES.image).state;
    assert.strictEqual((model.primaryContainer as { image: string }).image, image.ref);
    assert.match(String(image.ref), /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/tagged-endpoint-dev@sha256:[0-9a-f]{64}$/);
    assert.strictEqual(model.enableNetworkIsolation, false);
    assert.strictEqual(model.executionRoleArn, run.outputs.roleArn);
  });

  it("builds ./container for linux/amd64 into the stack's ECR repository with ECR credentials", () => {
    const repository = onlyResource(run, TYPES.repository);
    const image = revealSecrets(onlyResource(run, TYPES.image).inputs) as Record<string, unknown>;
    const url = String(repository.state.repositoryUrl);
    assert.strictEqual(repository.inputs.name, "tagged-endpoint-dev");
    assert.deepStrictEqual(image.context, { location: "./container" });
    assert.deepStrictEqual(image.dockerfile, { location: "./container/Dockerfile" });
    assert.deepStrictEqual(image.platforms, ["linux/amd64"]);
    assert.strictEqual(image.push, true);
    assert.deepStrictEqual(image.tags, [`${url}:latest`]);
    assert.deepStrictEqual(image.registries, [{ address: url, username: "AWS", password: "fake-token" }]);
  });

  it("keeps the registry password secret", () => {
    const registries = onlyResource(run, TYPES.image).inputs.registries;
    assert.notDeepStrictEqual(registries, revealSecrets(registries));
  });

  it("names the Model and EndpointConfiguration after their own generations and gives the Endpoint its computed name", () => {
    const [model, config] = [generationHex(run, "endpoint-model-generation"), generationHex(run, "endpoint-config-generation")];
    for (const generation of [model, config]) assert.match(generation, /^[0-9a-f]{10}$/);
    assert.notStrictEqual(model, config);
    assert.strictEqual(onlyResource(run, TYPES.model).inputs.name, `tagged-endpoint-dev--${model}`);
    assert.strictEqual(onlyResource(run, TYPES.endpointConfig).inputs.name, `tagged-endpoint-dev--${config}`);
    const endpoint = onlyResource(run, TYPES.endpoint).inputs;
    assert.strictEqual(endpoint.name, "tagged-endpoint-dev");
    assert.strictEqual(endpoint.endpointConfigName, run.outputs.endpointConfigName);
  });

  it("has one serverless production variant for the Model, and no blue/green, alarms or autoscaling", () => {
    assert.deepStrictEqual(onlyResource(run, TYPES.endpointConfig).inputs.productionVariants, [
      { variantName: "AllTraffic", modelName: run.outputs.modelName, serverlessConfig: { memorySizeInMb: 2048, maxConcurrency: 5 } },
    ]);
    assert.strictEqual(onlyResource(run, TYPES.endpoint).inputs.deploymentConfig, undefined);
    assert.deepStrictEqual(resourcesOfType(run, TYPES.alarm), []);
    assert.deepStrictEqual(resourcesOfType(run, TYPES.scalingTarget), []);
  });

  it("exports exactly the contract's stack outputs, from the resources", () => {
    assert.deepStrictEqual(Object.keys(run.outputs).sort(), OUTPUT_NAMES);
    const model = onlyResource(run, TYPES.model).state;
    const config = onlyResource(run, TYPES.endpointConfig).state;
    assert.deepStrictEqual(
      { ...run.outputs, tags: undefined },
      {
        endpointName: "tagged-endpoint-dev",
        endpointArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:endpoint/tagged-endpoint-dev`,
        endpointConfigName: config.name,
        endpointConfigArn: config.arn,
        modelName: model.name,
        modelArn: model.arn,
        roleArn: onlyResource(run, TYPES.role).state.arn,
        imageUri: onlyResource(run, TYPES.image).state.ref,
        region: "us-east-1",
        rollbackAlarmNames: [],
        variantNames: ["AllTraffic"],
        modelDataUrl: (model.primaryContainer as { modelDataUrl: string }).modelDataUrl,
        tags: undefined,
        dashboardName: "tagged-endpoint-dev",
      },
    );
  });

  it("looks up the account, partition, region and an ECR token, nothing else", () => {
    assert.deepStrictEqual(run.invokes.map((invoke) => invoke.token).sort(), [
      "aws:ecr/getAuthorizationToken:getAuthorizationToken",
      "aws:index/getCallerIdentity:getCallerIdentity",
      "aws:index/getPartition:getPartition",
      "aws:index/getRegion:getRegion",
    ]);
  });
});

describe("program: prod stack (instances, autoscaling, blue/green)", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runStackFile("prod");
  });

  it("adds rollback alarms and a scaling target and policy to the endpoint's resources", () => {
    const endpointChildren = declared(run).filter((entry) => / endpoint(-|$)/.test(entry) && entry.startsWith("aws:"));
    assert.deepStrictEqual(endpointChildren, [
      `${TYPES.scalingPolicy} endpoint-scaling-policy`,
      `${TYPES.scalingTarget} endpoint-scaling-target`,
      `${TYPES.alarm} endpoint-errors`,
      `${TYPES.alarm} endpoint-latency`,
      `${TYPES.alarm} endpoint-version-errors`,
      `${TYPES.alarm} endpoint-version-latency`,
      `${TYPES.rolePolicy} endpoint-rollback-alarms-read`,
      `${TYPES.rolePolicy} endpoint-tag-read`,
      `${TYPES.endpoint} endpoint`,
      `${TYPES.endpointConfig} endpoint-config`,
      `${TYPES.model} endpoint-model`,
    ]);
  });

  it("tags the alarms and the scaling target too", () => {
    for (const resource of [...resourcesOfType(run, TYPES.alarm), onlyResource(run, TYPES.scalingTarget)]) {
      assert.deepStrictEqual(resource.inputs.tags, run.outputs.tags, resource.name);
    }
  });

  it("has one ml.m5.large production variant with two instances", () => {
    assert.deepStrictEqual(onlyResource(run, TYPES.endpointConfig).inputs.productionVariants, [
      {
        variantName: "AllTraffic",
        modelName: run.outputs.modelName,
        instanceType: "ml.m5.large",
        initialInstanceCount: 2,
        initialVariantWeight: 1,
      },
    ]);
  });

  it("scales the variant between 2 and 6 instances on invocations per instance", () => {
    const target = onlyResource(run, TYPES.scalingTarget).inputs;
    assert.deepStrictEqual({ ...target, tags: undefined }, {
      serviceNamespace: "sagemaker",
      scalableDimension: "sagemaker:variant:DesiredInstanceCount",
      resourceId: "endpoint/tagged-endpoint-prod/variant/AllTraffic",
      minCapacity: 2,
      maxCapacity: 6,
      tags: undefined,
    });
    assert.deepStrictEqual(onlyResource(run, TYPES.scalingPolicy).inputs, {
      policyType: "TargetTrackingScaling",
      serviceNamespace: "sagemaker",
      scalableDimension: "sagemaker:variant:DesiredInstanceCount",
      resourceId: "endpoint/tagged-endpoint-prod/variant/AllTraffic",
      targetTrackingScalingPolicyConfiguration: {
        targetValue: 200,
        predefinedMetricSpecification: { predefinedMetricType: "SageMakerVariantInvocationsPerInstance" },
        scaleInCooldown: 300,
        scaleOutCooldown: 60,
      },
    });
  });

  it("deploys blue/green with a 50 % canary and rolls back on the two alarms", () => {
    assert.deepStrictEqual(onlyResource(run, TYPES.endpoint).inputs.deploymentConfig, {
      blueGreenUpdatePolicy: {
        trafficRoutingConfiguration: {
          type: "CANARY",
          waitIntervalInSeconds: 300,
          canarySize: { type: "CAPACITY_PERCENT", value: 50 },
        },
        terminationWaitInSeconds: 300,
        maximumExecutionTimeoutInSeconds: 3600,
      },
      autoRollbackConfiguration: {
        alarms: [
          { alarmName: "tagged-endpoint-prod-invocation-5xx-errors" },
          { alarmName: "tagged-endpoint-prod-model-latency" },
        ],
      },
    });
  });

  it("alarms on the variant's 5xx errors and model latency (500 ms = 500000 µs)", () => {
    const alarms = resourcesOfType(run, TYPES.alarm)
      .filter((alarm) => alarm.inputs.namespace === "AWS/SageMaker")
      .map((alarm) => ({ ...alarm.inputs, tags: undefined, alarmDescription: undefined }));
    const common = {
      namespace: "AWS/SageMaker",
      dimensions: { EndpointName: "tagged-endpoint-prod", VariantName: "AllTraffic" },
      period: 60,
      treatMissingData: "notBreaching",
      tags: undefined,
      alarmDescription: undefined,
    };
    assert.deepStrictEqual(alarms, [
      {
        ...common,
        name: "tagged-endpoint-prod-invocation-5xx-errors",
        metricName: "Invocation5XXErrors",
        statistic: "Sum",
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        evaluationPeriods: 1,
      },
      {
        ...common,
        name: "tagged-endpoint-prod-model-latency",
        metricName: "ModelLatency",
        statistic: "Average",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 500000,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      },
    ]);
  });

  it("requires tags in the container and exposes only the pinned keys", () => {
    assert.deepStrictEqual(modelEnvironment(run), {
      SAGEMAKER_ENDPOINT_NAME: "tagged-endpoint-prod",
      SAGEMAKER_MODEL_NAME: run.outputs.modelName,
      AWS_REGION: "us-east-1",
      TAG_CACHE_TTL_SECONDS: "300",
      EXPOSED_TAG_KEYS: "ModelVersion,DeploymentStage",
      TAGS_REQUIRED: "true",
      SAGEMAKER_VARIANT_NAME: "AllTraffic",
      METRICS_NAMESPACE: "SageMakerTaggedEndpoints",
    });
  });
});

describe("program: variations", () => {
  it("runs a prebuilt image without an ECR repository or a build", async () => {
    const imageUri = "210987654321.dkr.ecr.us-east-1.amazonaws.com/team/model:1.4.0";
    const run = await runStack("dev", { imageUri });
    assert.deepStrictEqual(resourcesOfType(run, TYPES.repository), []);
    assert.deepStrictEqual(resourcesOfType(run, TYPES.image), []);
    assert.strictEqual((onlyResource(run, TYPES.model).inputs.primaryContainer as { image: string }).image, imageUri);
    assert.strictEqual(run.outputs.imageUri, imageUri);
    assert.ok(!run.invokes.some((invoke) => invoke.token.startsWith("aws:ecr/")), "no ECR token without a build");
  });

  it("passes the model archive to the Model", async () => {
    const run = await runStack("dev", { model: {}, modelDataUrl: "s3://ml-models/fraud/model.tar.gz" });
    assert.strictEqual(
      (onlyResource(run, TYPES.model).inputs.primaryContainer as { modelDataUrl: string }).modelDataUrl,
      "s3://ml-models/fraud/model.tar.gz",
    );
  });

  it("waits for the tag-read policy before it creates the Endpoint", async () => {
    const finished = new Map<string, number>();
    let endpointStarted = -1;
    let clock = 0;
    const run = await runStack("dev", {}, (mocks) => ({
      call: mocks.call,
      newResource: async (args) => {
        if (args.type === TYPES.endpoint) endpointStarted = ++clock;
        // The policy takes a while, as IAM does; without dependsOn the Endpoint would not wait for it.
        if (args.name === "endpoint-tag-read") await new Promise((resolve) => setTimeout(resolve, 50));
        const result = await mocks.newResource(args);
        finished.set(args.name, ++clock);
        return result;
      },
    }));
    assert.strictEqual(run.outputs.endpointName, "tagged-endpoint-dev");
    assert.ok(endpointStarted > (finished.get("endpoint-tag-read") ?? Infinity), "Endpoint after the tag-read policy");
    assert.ok(endpointStarted > (finished.get("execution-role-ecr-pull") ?? Infinity), "Endpoint after the role's policies");
  });

  it("stops on a config error before any resource or lookup, with a one-line RunError", async () => {
    let calls = 0;
    await assert.rejects(
      runStack("prod", { enableNetworkIsolation: true }, (mocks) => ({
        call: (args) => (calls++, mocks.call(args)),
        newResource: (args) => (calls++, mocks.newResource(args)),
      })),
      (err: unknown) => {
        assert.ok(pulumi.RunError.isInstance(err), "a RunError, which Pulumi prints without a stack trace");
        assert.strictEqual(
          (err as Error).message,
          "tagged-endpoint:enableNetworkIsolation: must be false: a network-isolated container gets no credentials and cannot read its endpoint's tags",
        );
        return true;
      },
    );
    assert.strictEqual(calls, 0);
  });
});
