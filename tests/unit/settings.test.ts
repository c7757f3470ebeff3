import * as assert from "assert";
import { Settings, defaultEndpointName, parseSettings, projectConfigValues } from "../../components/settings";
import { PROJECT, stackValues } from "../support/program";

const DEV_TAGS = { ModelVersion: "1.4.0", DeploymentStage: "dev", CreatedBy: "platform-team", CostCenter: "ml-research" };
const OWNED = (stack: string) => ({ "pulumi:project": PROJECT, "pulumi:stack": stack, ManagedBy: "pulumi" });

describe("settings: the stack files", () => {
  it("dev: serverless variant, pinned exposed keys, default TTL, built image", () => {
    const expected: Settings = {
      project: PROJECT,
      stack: "dev",
      endpointName: "tagged-endpoint-dev",
      repositoryName: "tagged-endpoint-dev",
      userTags: DEV_TAGS,
      tags: { ...DEV_TAGS, ...OWNED("dev") },
      exposedTagKeys: ["ModelVersion", "DeploymentStage", "CreatedBy", "CostCenter"],
      tagCacheTtlSeconds: 300,
      tagsRequired: false,
      prebuiltImage: undefined,
      modelData: undefined,
      modelDirectory: "container/model-onnx",
      variants: [
        {
          name: "AllTraffic",
          initialWeight: 1,
          capacity: { kind: "serverless", memorySizeInMb: 2048, maxConcurrency: 5 },
          tags: {},
          prebuiltImage: undefined,
          modelData: undefined,
          modelDirectory: "container/model-onnx",
          environment: {},
        },
      ],
      deployment: undefined,
      allowEndpointReplacement: false,
    };
    assert.deepStrictEqual(parseSettings({ project: PROJECT, stack: "dev", values: stackValues("dev") }), expected);
  });

  it("prod: two ml.m5.large instances, autoscaling 2..6, canary blue/green with auto-rollback, tags required", () => {
    const settings = parseSettings({ project: PROJECT, stack: "prod", values: stackValues("prod") });
    assert.strictEqual(settings.variants.length, 1);
    assert.deepStrictEqual(settings.variants[0].capacity, {
      kind: "instance",
      instanceType: "ml.m5.large",
      initialInstanceCount: 2,
      autoscaling: {
        minCapacity: 2,
        maxCapacity: 6,
        targetInvocationsPerInstance: 200,
        scaleInCooldownSeconds: 300,
        scaleOutCooldownSeconds: 60,
      },
    });
    assert.deepStrictEqual(settings.deployment, {
      trafficRouting: "CANARY",
      trafficPercent: 50,
      waitIntervalInSeconds: 300,
      terminationWaitInSeconds: 300,
      maximumExecutionTimeoutInSeconds: 3600,
      autoRollback: { errorThreshold: 1, latencyThresholdMs: 500 },
    });
    assert.strictEqual(settings.tagsRequired, true);
    assert.strictEqual(settings.endpointName, "tagged-endpoint-prod");
    assert.deepStrictEqual(settings.exposedTagKeys, ["ModelVersion", "DeploymentStage"]);
  });
});

describe("settings: defaults and accepted forms", () => {
  const minimal = (values: Record<string, string>, stack = "qa") =>
    parseSettings({
      project: PROJECT,
      stack,
      values: { tags: JSON.stringify({ Team: "ml" }), variant: '{"serverless":{"memorySizeInMb":1024,"maxConcurrency":1}}', ...values },
    });

  it("applies the defaults when only the required keys are set (as when Pulumi.yaml defaults are absent)", () => {
    const settings = minimal({});
    assert.strictEqual(settings.endpointName, "tagged-endpoint-qa");
    assert.deepStrictEqual(settings.exposedTagKeys, ["Team"]);
    assert.strictEqual(settings.tagCacheTtlSeconds, 300);
    assert.strictEqual(settings.tagsRequired, false);
    assert.strictEqual(settings.deployment, undefined);
  });

  it("treats an empty string as unset and {} as no deployment (the Pulumi.yaml defaults)", () => {
    const settings = minimal({ endpointName: "", imageUri: "", modelDataUrl: "", deployment: "{}", exposedTagKeys: '["*"]' });
    assert.strictEqual(settings.endpointName, "tagged-endpoint-qa");
    assert.strictEqual(settings.prebuiltImage, undefined);
    assert.strictEqual(settings.modelData, undefined);
    assert.strictEqual(settings.deployment, undefined);
    assert.deepStrictEqual(settings.exposedTagKeys, ["Team"]);
  });

  it("takes YAML numbers and booleans in tags as their text", () => {
    assert.deepStrictEqual(minimal({ tags: '{"CostCenter":1234,"Billable":true}' }).userTags, {
      CostCenter: "1234",
      Billable: "true",
    });
  });

  it("accepts unicode letters, spaces, the empty value and exactly 128/256 characters", () => {
    const tags = { "Équipe données": "", ["K".repeat(128)]: "v".repeat(256), "a/b=c+d@e": "x_y.z:1-2" };
    assert.deepStrictEqual(minimal({ tags: JSON.stringify(tags) }).userTags, tags);
  });

  it("can expose program-owned keys, or none", () => {
    assert.deepStrictEqual(minimal({ exposedTagKeys: '["pulumi:stack","Team"]' }).exposedTagKeys, ["pulumi:stack", "Team"]);
    assert.deepStrictEqual(minimal({ exposedTagKeys: "[]" }).exposedTagKeys, []);
  });

  it("parses a prebuilt ECR image and a model archive", () => {
    const settings = minimal({
      imageUri: "210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/model@sha256:" + "a".repeat(64),
      modelDataUrl: "s3://ml-models/fraud/v1/model.tar.gz",
    });
    assert.deepStrictEqual(settings.prebuiltImage, {
      uri: "210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/model@sha256:" + "a".repeat(64),
      accountId: "210987654321",
      region: "eu-west-1",
      repositoryName: "team/model",
    });
    assert.deepStrictEqual(settings.modelData, {
      url: "s3://ml-models/fraud/v1/model.tar.gz",
      bucket: "ml-models",
      key: "fraud/v1/model.tar.gz",
    });
  });

  it("accepts a one-character endpoint name with a prebuilt image (no repository to name)", () => {
    assert.strictEqual(minimal({ endpointName: "e", imageUri: "210987654321.dkr.ecr.eu-west-1.amazonaws.com/m:1" }).endpointName, "e");
  });

  it("reads blue/green defaults, and autoRollback false turns the alarms off", () => {
    const instance = '{"instance":{"instanceType":"ml.c5.xlarge","initialInstanceCount":1}}';
    assert.deepStrictEqual(minimal({ variant: instance, deployment: '{"trafficRouting":"ALL_AT_ONCE"}' }).deployment, {
      trafficRouting: "ALL_AT_ONCE",
      waitIntervalInSeconds: 300,
      terminationWaitInSeconds: 0,
      autoRollback: { errorThreshold: 1, latencyThresholdMs: 1000 },
    });
    const off = minimal({ variant: instance, deployment: '{"trafficRouting":"LINEAR","trafficPercent":25,"autoRollback":false}' });
    assert.deepStrictEqual(off.deployment, {
      trafficRouting: "LINEAR",
      trafficPercent: 25,
      waitIntervalInSeconds: 300,
      terminationWaitInSeconds: 0,
    });
  });

  it("picks only the project namespace out of the full config map", () => {
    assert.deepStrictEqual(
      projectConfigValues({ "aws:region": "us-east-1", "tagged-endpoint:tags": "{}", "other:tags": "x" }, PROJECT),
      { tags: "{}" },
    );
  });
});

describe("settings: default endpoint name", () => {
  it("is <project>-<stack>", () => {
    assert.strictEqual(defaultEndpointName("tagged-endpoint", "prod"), "tagged-endpoint-prod");
  });

  it("replaces every run of other characters or hyphens with one hyphen (no fleet separator --)", () => {
    assert.strictEqual(defaultEndpointName("tagged_endpoint", "feature/ABC.12"), "tagged-endpoint-feature-ABC-12");
    assert.strictEqual(defaultEndpointName("tagged--endpoint", "-dev"), "tagged-endpoint-dev");
  });

  it("cuts to 51 characters (fleet names add --<10 hex> within SageMaker's 63)", () => {
    const name = defaultEndpointName("p".repeat(40), "s".repeat(30));
    assert.strictEqual(name, `${"p".repeat(40)}-${"s".repeat(10)}`);
  });

  it("drops a hyphen the cut leaves at the end", () => {
    // The 51st character is the hyphen before "x".
    assert.strictEqual(defaultEndpointName("p".repeat(40), `${"s".repeat(9)}-x`), `${"p".repeat(40)}-${"s".repeat(9)}`);
  });

  it("drops leading separators", () => {
    assert.strictEqual(defaultEndpointName("_tagged", "dev"), "tagged-dev");
  });
});
