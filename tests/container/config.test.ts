/** Container settings from the environment: defaults, every variable, and one-line errors naming the variable. */
import { strict as assert } from "node:assert";
import { encodeTagKeys, fleetlessEnvironment } from "../../components/container-environment";
import { loadSettings, type Environment } from "../../container/src/config";
import { parseCustomAttributes } from "../../container/src/custom-attributes";

describe("container: settings from the environment", () => {
  it("applies the documented defaults; tag reading is off without endpoint name and region", () => {
    assert.deepEqual(loadSettings({}, 6), {
      port: 8080,
      host: "0.0.0.0",
      modelDir: "/opt/ml/model",
      endpointName: null,
      fleet: null,
      tagReading: {
        enabled: false,
        reason: "SAGEMAKER_ENDPOINT_NAME and AWS_REGION not set (the deployer sets them in the Model's environment)",
      },
      tagCacheTtlSeconds: 300,
      exposedTagKeys: [],
      tagsRequired: false,
      sageMakerEndpointUrl: null,
      logLevel: "info",
      logSampleRate: 0,
      variantName: null,
      metrics: null,
      workers: 6,
    });
  });

  it("defaults the worker count to the available CPUs, at least 1 and at most 256", () => {
    assert.equal(loadSettings({}, 1).workers, 1);
    assert.equal(loadSettings({}, 0).workers, 1);
    assert.equal(loadSettings({}, 400).workers, 256);
  });

  it("reads every variable", () => {
    const settings = loadSettings({
      SAGEMAKER_BIND_TO_PORT: "9090",
      SAGEMAKER_BIND_TO_HOST: "127.0.0.1",
      SM_MODEL_DIR: "/models/x",
      SAGEMAKER_ENDPOINT_NAME: "tagged-endpoint-dev",
      SAGEMAKER_MODEL_NAME: "tagged-endpoint-dev--0123456789",
      AWS_REGION: "eu-west-1",
      TAG_CACHE_TTL_SECONDS: "0",
      EXPOSED_TAG_KEYS: " ModelVersion, DeploymentStage,,ModelVersion ",
      TAGS_REQUIRED: "TRUE",
      AWS_ENDPOINT_URL_SAGEMAKER: "http://127.0.0.1:4566",
      LOG_LEVEL: "debug",
      LOG_SAMPLE_RATE: "0.25",
      SAGEMAKER_VARIANT_NAME: "AllTraffic",
      METRICS_NAMESPACE: "TaggedEndpoints",
      METRIC_DIMENSIONS: "EndpointName, DeploymentStage",
      METRICS_INTERVAL_SECONDS: "0.5",
      AWS_ENDPOINT_URL_CLOUDWATCH: "http://127.0.0.1:4566",
      SAGEMAKER_MODEL_SERVER_WORKERS: "3",
    });
    assert.deepEqual(settings, {
      port: 9090,
      host: "127.0.0.1",
      modelDir: "/models/x",
      endpointName: "tagged-endpoint-dev",
      fleet: { modelName: "tagged-endpoint-dev--0123456789", variantName: "AllTraffic" },
      tagReading: { enabled: true, endpointName: "tagged-endpoint-dev", region: "eu-west-1" },
      tagCacheTtlSeconds: 0,
      exposedTagKeys: ["ModelVersion", "DeploymentStage"],
      tagsRequired: true,
      sageMakerEndpointUrl: "http://127.0.0.1:4566",
      logLevel: "debug",
      logSampleRate: 0.25,
      variantName: "AllTraffic",
      metrics: {
        namespace: "TaggedEndpoints",
        dimensions: ["EndpointName", "DeploymentStage"],
        intervalMs: 500,
        region: "eu-west-1",
        endpointUrl: "http://127.0.0.1:4566",
      },
      workers: 3,
    });
  });

  it("publishes metrics per EndpointName, VariantName and ModelVersion by default, ModelVersion only when exposed", () => {
    const env = { METRICS_NAMESPACE: "TaggedEndpoints", AWS_REGION: "us-east-1" };
    assert.deepEqual(loadSettings({ ...env, EXPOSED_TAG_KEYS: "ModelVersion" }).metrics?.dimensions, ["EndpointName", "VariantName", "ModelVersion"]);
    assert.deepEqual(loadSettings(env).metrics?.dimensions, ["EndpointName", "VariantName"]);
    assert.equal(loadSettings(env).metrics?.intervalMs, 60_000);
    assert.equal(loadSettings({ METRICS_NAMESPACE: "TaggedEndpoints" }).metrics, null, "no region, no metrics");
  });

  it("names the one variable missing for tag reading", () => {
    const settings = loadSettings({ SAGEMAKER_ENDPOINT_NAME: "ep" });
    assert.deepEqual(settings.tagReading, {
      enabled: false,
      reason: "AWS_REGION not set (the deployer sets them in the Model's environment)",
    });
    assert.equal(settings.endpointName, "ep");
  });

  const errors: [string, Environment, string][] = [
    ["a model name without its variant name", { SAGEMAKER_MODEL_NAME: "m--1" }, "SAGEMAKER_MODEL_NAME is set but SAGEMAKER_VARIANT_NAME is not; the fleet identity is the model name with its variant name"],
    ["an invalid model name", { SAGEMAKER_MODEL_NAME: "m_1", SAGEMAKER_VARIANT_NAME: "AllTraffic" }, 'SAGEMAKER_MODEL_NAME "m_1" is not a valid SageMaker name'],
    ["a non-numeric port", { SAGEMAKER_BIND_TO_PORT: "http" }, 'SAGEMAKER_BIND_TO_PORT must be an integer from 0 to 65535, got "http"'],
    ["a port out of range", { SAGEMAKER_BIND_TO_PORT: "70000" }, "SAGEMAKER_BIND_TO_PORT must be an integer from 0 to 65535"],
    ["a negative TTL", { TAG_CACHE_TTL_SECONDS: "-1" }, 'TAG_CACHE_TTL_SECONDS must be a number >= 0 (0 disables the cache), got "-1"'],
    ["a TTL that is not a number", { TAG_CACHE_TTL_SECONDS: "5m" }, 'got "5m"'],
    ["TAGS_REQUIRED not a boolean", { TAGS_REQUIRED: "yes" }, 'TAGS_REQUIRED must be "true" or "false", got "yes"'],
    [
      "TAGS_REQUIRED without an endpoint name",
      { TAGS_REQUIRED: "true", AWS_REGION: "us-east-1" },
      "TAGS_REQUIRED is true but tags cannot be read: SAGEMAKER_ENDPOINT_NAME not set",
    ],
    ["an invalid endpoint name", { SAGEMAKER_ENDPOINT_NAME: "my_endpoint" }, 'SAGEMAKER_ENDPOINT_NAME "my_endpoint" is not a valid endpoint name'],
    ["a control-plane URL that is not http(s)", { AWS_ENDPOINT_URL_SAGEMAKER: "localhost:4566" }, 'AWS_ENDPOINT_URL_SAGEMAKER must be an http(s) URL, got "localhost:4566"'],
    ["a worker count of 0", { SAGEMAKER_MODEL_SERVER_WORKERS: "0" }, 'SAGEMAKER_MODEL_SERVER_WORKERS must be an integer from 1 to 256, got "0"'],
    ["a fractional worker count", { SAGEMAKER_MODEL_SERVER_WORKERS: "1.5" }, 'SAGEMAKER_MODEL_SERVER_WORKERS must be an integer from 1 to 256, got "1.5"'],
    ["a worker count above 256", { SAGEMAKER_MODEL_SERVER_WORKERS: "1000" }, 'got "1000"'],
    ["a worker count that is not a number", { SAGEMAKER_MODEL_SERVER_WORKERS: "auto" }, 'got "auto"'],
    ["an unknown log level", { LOG_LEVEL: "verbose" }, 'LOG_LEVEL must be one of debug, info, warn, error, got "verbose"'],
    ["EXPOSED_TAG_KEYS that starts like JSON but is not an array of strings", { EXPOSED_TAG_KEYS: "[1, 2]" }, 'EXPOSED_TAG_KEYS starts with "[" but is not a JSON array of strings: [1, 2]'],
    ["a sample rate above 1", { LOG_SAMPLE_RATE: "2" }, 'LOG_SAMPLE_RATE must be a number from 0 to 1, got "2"'],
    ["a sample rate that is not a number", { LOG_SAMPLE_RATE: "10%" }, 'LOG_SAMPLE_RATE must be a number from 0 to 1, got "10%"'],
    ["an AWS namespace", { METRICS_NAMESPACE: "AWS/SageMaker", AWS_REGION: "us-east-1" }, 'METRICS_NAMESPACE must be 1-255 printable ASCII characters not starting with "AWS/"'],
    [
      "a dimension that is no exposed tag key",
      { METRICS_NAMESPACE: "N", AWS_REGION: "us-east-1", EXPOSED_TAG_KEYS: "ModelVersion", METRIC_DIMENSIONS: "ModelVersion,CostCenter" },
      "METRIC_DIMENSIONS names CostCenter: a dimension is EndpointName or VariantName or a key of EXPOSED_TAG_KEYS",
    ],
    [
      "ten dimensions",
      { METRICS_NAMESPACE: "N", AWS_REGION: "us-east-1", EXPOSED_TAG_KEYS: "a,b,c,d,e,f,g,h", METRIC_DIMENSIONS: "EndpointName,VariantName,a,b,c,d,e,f,g,h" },
      "METRIC_DIMENSIONS must name 1 to 9 dimensions, got 10",
    ],
    ["an interval too short", { METRICS_NAMESPACE: "N", AWS_REGION: "us-east-1", METRICS_INTERVAL_SECONDS: "0" }, 'METRICS_INTERVAL_SECONDS must be a number >= 0.05, got "0"'],
    ["EXPOSED_TAG_KEYS with broken JSON", { EXPOSED_TAG_KEYS: '["Team"' }, "EXPOSED_TAG_KEYS starts with"],
  ];
  it("takes EXPOSED_TAG_KEYS as a JSON array exactly: keys keep their leading and trailing spaces", () => {
    assert.deepEqual(loadSettings({ EXPOSED_TAG_KEYS: '[" Team ", "Team", "", " Team "]' }).exposedTagKeys, [" Team ", "Team"]);
  });

  it("round-trips the program's encoding of the exposed keys, spaces included (components/container-environment.ts)", () => {
    for (const keys of [["ModelVersion", "DeploymentStage"], [" Team", "Cost Center ", "a=b:c/d@e"], []]) {
      const environment = fleetlessEnvironment({ endpointName: "e", tagCacheTtlSeconds: 60, exposedTagKeys: keys, tagsRequired: false }, "us-east-1", "AllTraffic");
      assert.deepEqual(loadSettings(environment).exposedTagKeys, keys, environment.EXPOSED_TAG_KEYS);
    }
    assert.equal(encodeTagKeys(["ModelVersion", "DeploymentStage"]), "ModelVersion,DeploymentStage", "the comma form is kept when it is exact");
    assert.equal(encodeTagKeys([" Team"]), '[" Team"]');
  });

  for (const [name, env, message] of errors) {
    it(`rejects ${name} with one line naming the variable`, () => {
      assert.throws(
        () => loadSettings(env),
        (err: Error) => err.name === "ConfigError" && err.message.includes(message) && !err.message.includes("\n"),
      );
    });
  }
});

describe("container: custom attributes parsing", () => {
  it("is null for a missing or empty header", () => {
    assert.equal(parseCustomAttributes(undefined), null);
    assert.equal(parseCustomAttributes(""), null);
  });

  it("parses key=value pairs with spaces around them and a trailing semicolon; a repeated key keeps its last value", () => {
    assert.deepEqual(parseCustomAttributes(" a = 1 ; b=two ; a=3;")?.attributes, { a: "3", b: "two" });
  });

  it("keeps values with another shape opaque", () => {
    for (const raw of ["opaque-token", "a=1;b", "=1", "a b=1", ";"]) assert.equal(parseCustomAttributes(raw)?.attributes, null, raw);
  });

  it("rejects control characters that reach it (the HTTP parser refuses them earlier)", () => {
    assert.throws(() => parseCustomAttributes("a=\u0007"), /a control character \(U\+0007\) at position 3/);
    assert.throws(() => parseCustomAttributes("a=\u007f"), /a control character \(U\+007F\)/);
  });
});
