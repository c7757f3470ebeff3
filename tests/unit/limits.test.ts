// Every AWS and provider limit the stack config can reach, walked at its boundary: the value at the limit
// is accepted, one past it fails when the config is read, with one line naming the config key.
import * as assert from "assert";
import { ConfigError, parseSettings } from "../../components/settings";
import { modelEnvironmentProblem } from "../../components/settings/model-environment";
import { ConfigEdits, PROJECT, TYPES, resourcesOfType, runStack, stackValues } from "../support/program";

const DEV_TAGS = { ModelVersion: "1.4.0", DeploymentStage: "dev", CreatedBy: "platform-team", CostCenter: "ml-research" };
const BLUE_GREEN = { trafficRouting: "ALL_AT_ONCE", waitIntervalInSeconds: 0, terminationWaitInSeconds: 0 };

function read(edits: ConfigEdits, stack = "dev") {
  return parseSettings({ project: PROJECT, stack, values: stackValues(stack, edits), region: "us-east-1" });
}

function accepts(edits: ConfigEdits, stack = "dev"): void {
  assert.doesNotThrow(() => read(edits, stack));
}

function rejects(edits: ConfigEdits, message: string | RegExp, stack = "dev"): void {
  assert.throws(
    () => read(edits, stack),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
      if (typeof message === "string") assert.strictEqual(err.message, message);
      else assert.match(err.message, message);
      return true;
    },
  );
}

/** `count` distinct tag keys of exactly `length` characters. */
function keysOfLength(count: number, length: number): string[] {
  return Array.from({ length: count }, (_, i) => `${"K".repeat(length - String(i).length)}${i}`);
}

describe("limits: each at its boundary", () => {
  describe("deployment.maximumExecutionTimeoutInSeconds: 600..14400 (provider; the API allows 28800)", () => {
    const timeout = (seconds: number) => ({ deployment: { ...BLUE_GREEN, maximumExecutionTimeoutInSeconds: seconds } });
    it("accepts 600 and 14400", () => {
      accepts(timeout(600), "prod");
      accepts(timeout(14400), "prod");
    });
    it("rejects 599 and 14401", () => {
      const message = (n: number) =>
        `tagged-endpoint:deployment.maximumExecutionTimeoutInSeconds: must be an integer from 600 to 14400, got ${n}`;
      rejects(timeout(599), message(599), "prod");
      rejects(timeout(14401), message(14401), "prod");
    });
  });

  describe("deployment.autoRollback: 10 alarms in SageMaker's AutoRollbackConfig, 2 per variant", () => {
    const variants = (count: number) => ({
      variant: undefined,
      variants: Array.from({ length: count }, (_, i) => ({ name: `V${i}`, instance: { instanceType: "ml.m5.large", initialInstanceCount: 1 } })),
      deployment: BLUE_GREEN,
    });
    it("accepts 5 variants with auto-rollback and rejects 6", () => {
      accepts(variants(5), "prod");
      rejects(variants(6), /^tagged-endpoint:deployment\.autoRollback: makes 12 rollback alarms for 6 variants \(2 each\), more than the 10 /, "prod");
    });
  });

  describe("endpointName: 51 characters (fleet names <endpoint>--<10 hex> fit SageMaker's 63)", () => {
    it("accepts 51 and rejects 52", () => {
      accepts({ endpointName: "e".repeat(51) });
      rejects({ endpointName: "e".repeat(52) }, /^tagged-endpoint:endpointName: must be 1 to 51 letters/);
    });
  });

  describe("tags: key 128, value 256, 50 per resource, no aws: prefix", () => {
    it("accepts a 128-character key and rejects 129", () => {
      accepts({ tags: { ...DEV_TAGS, ["K".repeat(128)]: "v" } });
      rejects({ tags: { ...DEV_TAGS, ["K".repeat(129)]: "v" } }, /tag key must be 1 to 128 characters, got 129$/);
    });
    it("accepts a 256-character value and rejects 257", () => {
      accepts({ tags: { ...DEV_TAGS, Owner: "v".repeat(256) } });
      rejects({ tags: { ...DEV_TAGS, Owner: "v".repeat(257) } }, "tagged-endpoint:tags.Owner: tag value must be at most 256 characters, got 257");
    });
    it("accepts 47 user tags (50 with the program's) and rejects 48", () => {
      const tags = (n: number) => Object.fromEntries(keysOfLength(n, 4).map((key) => [key, "v"]));
      accepts({ tags: tags(47), exposedTagKeys: ["*"] });
      rejects({ tags: tags(48), exposedTagKeys: ["*"] }, /^tagged-endpoint:tags: has 48 tags; .* more than the 50 AWS allows on a resource$/);
    });
    it("rejects the aws: prefix but not a key that merely starts with aws", () => {
      accepts({ tags: { ...DEV_TAGS, "awsAccount:x": "v" } });
      rejects({ tags: { ...DEV_TAGS, "aws:x": "v" } }, 'tagged-endpoint:tags["aws:x"]: tag keys starting with "aws:" are reserved for AWS');
    });
  });

  describe("exposedTagKeys: the Model environment value EXPOSED_TAG_KEYS is at most 1024 bytes", () => {
    /** Distinct tag keys of `char` and a numeric suffix whose comma-joined list is exactly `bytes` long. */
    function exposedOfBytes(bytes: number, char = "K"): ConfigEdits {
      const width = Buffer.byteLength(char);
      const keyOfBytes = (size: number, index: number): string => {
        const digits = (size - 3) % width === 0 ? 3 : 4;
        return `${char.repeat((size - digits) / width)}${String(index).padStart(digits, "0")}`;
      };
      const keys: string[] = [];
      let remaining = bytes;
      while (remaining > 128) {
        keys.push(keyOfBytes(100, keys.length));
        remaining -= 101;
      }
      keys.push(keyOfBytes(remaining, keys.length));
      assert.strictEqual(Buffer.byteLength(keys.join(",")), bytes, "the test builds the exact size");
      return { tags: Object.fromEntries(keys.map((key) => [key, "v"])), exposedTagKeys: keys };
    }
    it("accepts 1024 bytes and rejects 1025", () => {
      accepts(exposedOfBytes(1024));
      rejects(
        exposedOfBytes(1025),
        "tagged-endpoint:exposedTagKeys: the Model environment variable EXPOSED_TAG_KEYS would be 1025 bytes; SageMaker allows at most 1024",
      );
    });
    it("counts bytes, not characters", () => {
      accepts(exposedOfBytes(1024, "é"));
      rejects(exposedOfBytes(1026, "é"), /EXPOSED_TAG_KEYS would be 1026 bytes; SageMaker allows at most 1024$/);
    });
  });
});

describe("limits: the Model environment as a whole (SageMaker ContainerDefinition.Environment)", () => {
  const entries = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`VAR_${String(i).padStart(3, "0")}`, "v"]));

  it("accepts 100 entries and rejects 101", () => {
    assert.strictEqual(modelEnvironmentProblem(entries(100)), undefined);
    assert.deepStrictEqual(modelEnvironmentProblem(entries(101)), {
      variable: "VAR_000",
      rule: "the Model environment would have 101 variables; SageMaker allows at most 100",
    });
  });

  it("accepts a 1024-byte key and value, and rejects 1025 of either", () => {
    assert.strictEqual(modelEnvironmentProblem({ ["K".repeat(1024)]: "v".repeat(1024) }), undefined);
    assert.match(modelEnvironmentProblem({ A: "v".repeat(1025) })?.rule ?? "", /^the Model environment variable A would be 1025 bytes; SageMaker allows at most 1024$/);
    assert.match(modelEnvironmentProblem({ ["K".repeat(1025)]: "v" })?.rule ?? "", /^the Model environment variable name K+ is 1025 bytes; SageMaker allows at most 1024$/);
  });

  it("accepts keys and values of 32768 bytes in all and rejects 32769", () => {
    // 32 variables of a 4-byte key and a 1020-byte value: exactly 32 KB; one more byte in the last value.
    const full = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`V_${String(i).padStart(2, "0")}`, "v".repeat(1020)]));
    assert.strictEqual(modelEnvironmentProblem(full), undefined);
    const over = { ...full, V_31: "v".repeat(1021) };
    assert.deepStrictEqual(modelEnvironmentProblem(over), {
      variable: "V_31",
      rule: "the Model environment's keys and values would be 32769 bytes in all; SageMaker allows at most 32768",
    });
  });
});

describe("limits: names derived from a 63-character endpoint name stay within their AWS limits", () => {
  // CloudWatch PutMetricAlarm AlarmName 1..255, AlarmDescription 0..1024; ECR CreateRepository 2..256;
  // CloudWatch Logs log group name 1..512; IAM role name 1..64, role description 0..1000, inline policy name 1..128.
  const LIMITS: Array<[string, string, string, number]> = [
    [TYPES.alarm, "name", "alarm name", 255],
    [TYPES.alarm, "alarmDescription", "alarm description", 1024],
    [TYPES.repository, "name", "ECR repository name", 256],
    [TYPES.role, "name", "IAM role name", 64],
    [TYPES.role, "description", "IAM role description", 1000],
    [TYPES.rolePolicy, "name", "IAM inline policy name", 128],
  ];

  it("alarms, repository, role, policies and the log group", async () => {
    const longest = `e${"-x".repeat(31)}`;
    assert.strictEqual(longest.length, 63);
    const run = await runStack("prod", { endpointName: longest });
    for (const [type, field, what, limit] of LIMITS) {
      const found = resourcesOfType(run, type);
      assert.ok(found.length > 0, `no ${type}`);
      for (const resource of found) {
        const value = String(resource.inputs[field] ?? resource.state[field]);
        assert.ok(value.length <= limit, `${what} ${value} is ${value.length} characters, more than ${limit}`);
      }
    }
    const logGroups = JSON.stringify(run.resources).match(/log-group:([^:"*]+)/g) ?? [];
    assert.ok(logGroups.length > 0);
    for (const arn of logGroups) assert.ok(arn.length - "log-group:".length <= 512, arn);
  });
});
