// The invalid-config matrix: each bad value fails before any resource exists, with one line that names the
// full config key and the rule it breaks.
import * as assert from "assert";
import { ConfigError, parseSettings } from "../../components/settings";
import { ConfigEdits, PROJECT, stackValues } from "../support/program";

const DEV_TAGS = { ModelVersion: "1.4.0", DeploymentStage: "dev", CreatedBy: "platform-team", CostCenter: "ml-research" };
const INSTANCE = { instance: { instanceType: "ml.m5.large", initialInstanceCount: 2 } };
const SCALING = { minCapacity: 2, maxCapacity: 6, targetInvocationsPerInstance: 100 };
const ALLOWED_CHARACTERS = "letters, digits, white space and _ . : / = + - @";

interface Case {
  /** What is wrong. */
  title: string;
  /** The stack file the case starts from. */
  stack?: "dev" | "prod";
  /** The config changes that make it wrong. */
  edits: ConfigEdits;
  /** The exact error message. */
  message: string;
}

const manyTags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`Key${i}`, "v"]));

const cases: Case[] = [
  // tags
  {
    title: "tags missing",
    edits: { tags: undefined },
    message: "tagged-endpoint:tags: is required; set each tag with: pulumi config set --path 'tags.<Key>' <value>",
  },
  { title: "tags not an object", edits: { tags: ["ModelVersion"] }, message: 'tagged-endpoint:tags: must be an object of tag keys to values, got ["ModelVersion"]' },
  { title: "no tags at all", edits: { tags: {} }, message: "tagged-endpoint:tags: must contain at least one tag" },
  {
    title: "tag key longer than 128 characters",
    edits: { tags: { ...DEV_TAGS, ["K".repeat(129)]: "v" } },
    message: `tagged-endpoint:tags.${"K".repeat(129)}: tag key must be 1 to 128 characters, got 129`,
  },
  { title: "empty tag key", edits: { tags: { ...DEV_TAGS, "": "v" } }, message: 'tagged-endpoint:tags[""]: tag key must be 1 to 128 characters, got 0' },
  {
    title: "tag value longer than 256 characters",
    edits: { tags: { ...DEV_TAGS, Owner: "v".repeat(257) } },
    message: "tagged-endpoint:tags.Owner: tag value must be at most 256 characters, got 257",
  },
  {
    title: "character outside the AWS tag set in a key",
    edits: { tags: { ...DEV_TAGS, "Cost#Center": "v" } },
    message: `tagged-endpoint:tags["Cost#Center"]: tag key may only contain ${ALLOWED_CHARACTERS}`,
  },
  {
    title: "character outside the AWS tag set in a value",
    edits: { tags: { ...DEV_TAGS, Owner: "a,b" } },
    message: `tagged-endpoint:tags.Owner: tag value may only contain ${ALLOWED_CHARACTERS}`,
  },
  {
    title: "reserved aws: prefix (any case)",
    edits: { tags: { ...DEV_TAGS, "AWS:CreatedBy": "me" } },
    message: 'tagged-endpoint:tags["AWS:CreatedBy"]: tag keys starting with "aws:" are reserved for AWS',
  },
  {
    title: "program-owned key ManagedBy",
    edits: { tags: { ...DEV_TAGS, ManagedBy: "terraform" } },
    message: "tagged-endpoint:tags.ManagedBy: tag key is set by the program (pulumi:project, pulumi:stack, ManagedBy); remove it from tags",
  },
  {
    title: "program-owned key pulumi:stack",
    edits: { tags: { ...DEV_TAGS, "pulumi:stack": "other" } },
    message: 'tagged-endpoint:tags["pulumi:stack"]: tag key is set by the program (pulumi:project, pulumi:stack, ManagedBy); remove it from tags',
  },
  {
    title: "keys that differ only in case",
    edits: { tags: { ...DEV_TAGS, Owner: "a", owner: "b" } },
    message: 'tagged-endpoint:tags.owner: tag key differs from "Owner" only in case; IAM treats them as the same key',
  },
  {
    title: "tag value that is not text",
    edits: { tags: { ...DEV_TAGS, Owner: { team: "ml" } } },
    message: 'tagged-endpoint:tags.Owner: tag value must be a string, got {"team":"ml"}',
  },
  {
    title: "more than 50 tags with the program-owned ones",
    edits: { tags: manyTags },
    message: "tagged-endpoint:tags: has 48 tags; with the 3 program-owned tags that is 51, more than the 50 AWS allows on a resource",
  },
  // exposedTagKeys
  {
    title: "exposed key that is not a tag key",
    edits: { exposedTagKeys: ["ModelVersion", "Nope"] },
    message:
      'tagged-endpoint:exposedTagKeys[1]: "Nope" is not a key of the stack\'s tags ' +
      "(ModelVersion, DeploymentStage, CreatedBy, CostCenter, pulumi:project, pulumi:stack, ManagedBy)",
  },
  {
    title: "exposed keys not a list",
    edits: { exposedTagKeys: '"ModelVersion"' },
    message: 'tagged-endpoint:exposedTagKeys: must be an array of tag keys, got "ModelVersion"',
  },
  {
    title: "exposed key listed twice",
    edits: { exposedTagKeys: ["ModelVersion", "ModelVersion"] },
    message: 'tagged-endpoint:exposedTagKeys[1]: "ModelVersion" is listed twice',
  },
  {
    title: "* mixed with other exposed keys",
    edits: { exposedTagKeys: ["pulumi:stack", "*"] },
    message: 'tagged-endpoint:exposedTagKeys[1]: "*" (every user tag key) must be the only element',
  },
  // endpointName
  {
    title: "endpoint name with an underscore",
    edits: { endpointName: "tagged_endpoint" },
    message: `tagged-endpoint:endpointName: must be 1 to 51 letters, digits or single hyphens (no "--": it separates the fleet names), starting and ending with a letter or digit, got "tagged_endpoint"`,
  },
  {
    title: "endpoint name longer than 51 characters (fleet names add 12)",
    edits: { endpointName: "e".repeat(52) },
    message: `tagged-endpoint:endpointName: must be 1 to 51 letters, digits or single hyphens (no "--": it separates the fleet names), starting and ending with a letter or digit, got "${"e".repeat(52)}"`,
  },
  {
    title: "endpoint name with the fleet separator --",
    edits: { endpointName: "tagged--endpoint" },
    message: `tagged-endpoint:endpointName: must be 1 to 51 letters, digits or single hyphens (no "--": it separates the fleet names), starting and ending with a letter or digit, got "tagged--endpoint"`,
  },
  {
    title: "endpoint name starting with a hyphen",
    edits: { endpointName: "-endpoint" },
    message: `tagged-endpoint:endpointName: must be 1 to 51 letters, digits or single hyphens (no "--": it separates the fleet names), starting and ending with a letter or digit, got "-endpoint"`,
  },
  {
    title: "one-character endpoint name when the program owns the ECR repository",
    edits: { endpointName: "e" },
    message: "tagged-endpoint:endpointName: must be at least 2 characters when the program builds the image (it names the ECR repository)",
  },
  // container settings
  {
    title: "network isolation switched on",
    edits: { enableNetworkIsolation: "true" },
    message: "tagged-endpoint:enableNetworkIsolation: must be false: a network-isolated container gets no credentials and cannot read its endpoint's tags",
  },
  { title: "network isolation not a boolean", edits: { enableNetworkIsolation: "no" }, message: 'tagged-endpoint:enableNetworkIsolation: must be true or false, got "no"' },
  { title: "tag cache TTL above a day", edits: { tagCacheTtlSeconds: "86401" }, message: "tagged-endpoint:tagCacheTtlSeconds: must be an integer from 0 to 86400, got 86401" },
  { title: "negative tag cache TTL", edits: { tagCacheTtlSeconds: "-1" }, message: "tagged-endpoint:tagCacheTtlSeconds: must be an integer from 0 to 86400, got -1" },
  { title: "fractional tag cache TTL", edits: { tagCacheTtlSeconds: "1.5" }, message: 'tagged-endpoint:tagCacheTtlSeconds: must be an integer from 0 to 86400, got "1.5"' },
  { title: "tagsRequired not a boolean", edits: { tagsRequired: "maybe" }, message: 'tagged-endpoint:tagsRequired: must be true or false, got "maybe"' },
  // artifacts
  {
    title: "model data outside S3",
    edits: { modelDataUrl: "https://example.com/model.tar.gz" },
    message: 'tagged-endpoint:modelDataUrl: must be an S3 URL of a model archive, s3://<bucket>/<key>.tar.gz, got "https://example.com/model.tar.gz"',
  },
  {
    title: "model data that is not a .tar.gz archive",
    edits: { modelDataUrl: "s3://models/model.zip" },
    message: 'tagged-endpoint:modelDataUrl: must be an S3 URL of a model archive, s3://<bucket>/<key>.tar.gz, got "s3://models/model.zip"',
  },
  {
    title: "image outside a private ECR repository",
    edits: { imageUri: "docker.io/library/nginx:latest" },
    message:
      "tagged-endpoint:imageUri: must be a private ECR image, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> " +
      'or @sha256:<digest>, got "docker.io/library/nginx:latest"',
  },
  {
    title: "ECR image without a tag or digest",
    edits: { imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/models" },
    message:
      "tagged-endpoint:imageUri: must be a private ECR image, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> " +
      'or @sha256:<digest>, got "123456789012.dkr.ecr.us-east-1.amazonaws.com/models"',
  },
  // variant
  { title: "variant missing", edits: { variant: undefined }, message: "tagged-endpoint:variant: is required; set variant.serverless or variant.instance, or a list of variants" },
  {
    title: "both serverless and instance",
    edits: { variant: { serverless: { memorySizeInMb: 2048, maxConcurrency: 5 }, ...INSTANCE } },
    message: "tagged-endpoint:variant: must set exactly one of serverless or instance",
  },
  { title: "neither serverless nor instance", edits: { variant: {} }, message: "tagged-endpoint:variant: must set exactly one of serverless or instance" },
  {
    title: "serverless memory not a multiple of 1024",
    edits: { variant: { serverless: { memorySizeInMb: 2000, maxConcurrency: 5 } } },
    message: "tagged-endpoint:variant.serverless.memorySizeInMb: must be one of 1024, 2048, 3072, 4096, 5120, 6144, got 2000",
  },
  {
    title: "serverless memory above 6144 MB",
    edits: { variant: { serverless: { memorySizeInMb: 8192, maxConcurrency: 5 } } },
    message: "tagged-endpoint:variant.serverless.memorySizeInMb: must be an integer from 1024 to 6144, got 8192",
  },
  {
    title: "serverless concurrency above 200",
    edits: { variant: { serverless: { memorySizeInMb: 2048, maxConcurrency: 201 } } },
    message: "tagged-endpoint:variant.serverless.maxConcurrency: must be an integer from 1 to 200, got 201",
  },
  {
    title: "instance type without the ml. prefix",
    edits: { variant: { instance: { instanceType: "m5.large", initialInstanceCount: 1 } } },
    message: 'tagged-endpoint:variant.instance.instanceType: must be a SageMaker instance type such as ml.m5.large, got "m5.large"',
  },
  {
    title: "no instances",
    edits: { variant: { instance: { instanceType: "ml.m5.large", initialInstanceCount: 0 } } },
    message: "tagged-endpoint:variant.instance.initialInstanceCount: must be an integer >= 1, got 0",
  },
  {
    title: "misspelt variant field",
    edits: { variant: { instance: { instanceType: "ml.m5.large", instanceCount: 2 } } },
    message: "tagged-endpoint:variant.instance.instanceCount: unknown field; allowed fields are instanceType, initialInstanceCount, autoscaling",
  },
  {
    title: "autoscaling maximum below the minimum",
    edits: { variant: { instance: { ...INSTANCE.instance, autoscaling: { ...SCALING, minCapacity: 4, maxCapacity: 3 } } } },
    message: "tagged-endpoint:variant.instance.autoscaling.maxCapacity: must be >= minCapacity (4), got 3",
  },
  {
    title: "initial instance count outside the autoscaling bounds",
    edits: { variant: { instance: { ...INSTANCE.instance, initialInstanceCount: 8, autoscaling: SCALING } } },
    message: "tagged-endpoint:variant.instance.initialInstanceCount: must be within autoscaling minCapacity..maxCapacity (2..6), got 8",
  },
  {
    title: "non-positive scaling target",
    edits: { variant: { instance: { ...INSTANCE.instance, autoscaling: { ...SCALING, targetInvocationsPerInstance: 0 } } } },
    message: "tagged-endpoint:variant.instance.autoscaling.targetInvocationsPerInstance: must be a number greater than 0, got 0",
  },
  // deployment
  {
    title: "blue/green on a serverless variant",
    edits: { deployment: { trafficRouting: "ALL_AT_ONCE" } },
    message: "tagged-endpoint:deployment: blue/green deployment needs an instance variant; serverless endpoints do not support it",
  },
  {
    title: "blue/green settings without a traffic routing",
    stack: "prod",
    edits: { deployment: { waitIntervalInSeconds: 60 } },
    message: "tagged-endpoint:deployment.trafficRouting: is required to enable blue/green deployment (ALL_AT_ONCE, CANARY, LINEAR)",
  },
  {
    title: "unknown traffic routing",
    stack: "prod",
    edits: { deployment: { trafficRouting: "BLUE_GREEN" } },
    message: 'tagged-endpoint:deployment.trafficRouting: must be one of ALL_AT_ONCE, CANARY, LINEAR, got "BLUE_GREEN"',
  },
  {
    title: "canary larger than half the fleet",
    stack: "prod",
    edits: { deployment: { trafficRouting: "CANARY", trafficPercent: 60 } },
    message: "tagged-endpoint:deployment.trafficPercent: must be an integer from 1 to 50, got 60",
  },
  {
    title: "linear step below 10 %",
    stack: "prod",
    edits: { deployment: { trafficRouting: "LINEAR", trafficPercent: 5 } },
    message: "tagged-endpoint:deployment.trafficPercent: must be an integer from 10 to 50, got 5",
  },
  {
    title: "traffic step for all-at-once routing",
    stack: "prod",
    edits: { deployment: { trafficRouting: "ALL_AT_ONCE", trafficPercent: 20 } },
    message: "tagged-endpoint:deployment.trafficPercent: only applies to CANARY or LINEAR traffic routing",
  },
  {
    title: "deployment timeout shorter than its waits",
    stack: "prod",
    edits: { deployment: { trafficRouting: "ALL_AT_ONCE", waitIntervalInSeconds: 600, terminationWaitInSeconds: 600, maximumExecutionTimeoutInSeconds: 1200 } },
    message: "tagged-endpoint:deployment.maximumExecutionTimeoutInSeconds: must exceed waitIntervalInSeconds + terminationWaitInSeconds (1200), got 1200",
  },
  {
    title: "auto-rollback neither a switch nor thresholds",
    stack: "prod",
    edits: { deployment: { trafficRouting: "ALL_AT_ONCE", autoRollback: "sometimes" } },
    message: 'tagged-endpoint:deployment.autoRollback: must be true or false, got "sometimes"',
  },
  // keys
  {
    title: "misspelt config key",
    edits: { tagsRequried: "true" },
    message:
      "tagged-endpoint:tagsRequried: unknown config key; known keys are tags, endpointName, imageUri, modelDataUrl, model, " +
      "variant, variants, deployment, tagCacheTtlSeconds, exposedTagKeys, tagsRequired, enableNetworkIsolation, allowEndpointReplacement",
  },
];

describe("settings: invalid configurations", () => {
  for (const { title, stack = "dev", edits, message } of cases) {
    it(`rejects ${title}`, () => {
      assert.throws(
        () => parseSettings({ project: PROJECT, stack, values: stackValues(stack, edits) }),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
          assert.strictEqual(err.message, message);
          assert.ok(!err.message.includes("\n"), "the message is one line");
          return true;
        },
      );
    });
  }

  it("names the key and the JSON problem when a structured value is not JSON", () => {
    assert.throws(
      () => parseSettings({ project: PROJECT, stack: "dev", values: stackValues("dev", { variant: "{serverless:" }) }),
      /^ConfigError: tagged-endpoint:variant: must be a JSON object or array \(.+\)$/,
    );
  });
});
