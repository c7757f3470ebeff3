/**
 * Deployment metadata where operators look, through real HTTP and the real AWS SDK against the emulator:
 * every log line carries the deployment fields; per-invocation lines are sampled; errors carry the
 * inference id; per-deployment metrics reach the emulator's CloudWatch with the right dimensions and
 * counts after a known sequence of invocations; a CloudWatch outage costs no invocation; the drain
 * publishes what is left.
 */
import { strict as assert } from "node:assert";
import type { Environment } from "../../container/src/config";
import { createLogger, type Logger } from "../../container/src/log";
import type { InferenceHandler } from "../../container/src/handler";
import { linearModelHandler } from "../../container/src/sample/handler";
import type { RunningServer } from "../../container/src/start";
import { SageMakerEmulator, type MetricSeries } from "../../local/emulator";
import { deployEndpoint, REGION, useDummyCredentials } from "./helpers/emulator";
import { invoke, waitFor } from "./helpers/http";
import type { LogLine } from "./helpers/logs";
import { startTestServer } from "./helpers/server";

const ROW = { instances: [[120, 3, 15, 4]] };
const TAGS = { model: { ModelVersion: "1.4.0" }, endpoint: { DeploymentStage: "dev", Secret: "hidden" } };
const NAMESPACE = "TaggedEndpoints";

/** The sample handler, failing with an unexpected error (a 500) when the request's custom attributes say `fail=1`. */
const failingOnRequest: InferenceHandler = {
  ...(linearModelHandler as unknown as InferenceHandler),
  predictFn(input, model, context) {
    if (context.customAttributes?.attributes?.fail === "1") throw new Error("the model crashed");
    return (linearModelHandler as unknown as InferenceHandler).predictFn(input, model, context);
  },
};

/** An info-level logger keeping its lines. */
function infoLogs(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { log: createLogger("info", (line) => lines.push(JSON.parse(line) as LogLine)), lines };
}

describe("container: deployment metadata in logs and metrics", function () {
  this.timeout(30_000);
  useDummyCredentials();
  let emu: SageMakerEmulator;
  let servers: RunningServer[] = [];
  let count = 0;

  before(async () => {
    emu = await SageMakerEmulator.start({ region: REGION });
  });
  afterEach(async () => {
    emu.clearFaults();
    emu.resetMetrics();
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });
  after(() => emu.close());

  async function container(env: Environment = {}): Promise<{ server: RunningServer; lines: LogLine[]; name: string }> {
    count += 1;
    const name = `observed-${count}`;
    await deployEndpoint(emu, name, TAGS);
    const { log, lines } = infoLogs();
    const server = await startTestServer(
      {
        SAGEMAKER_ENDPOINT_NAME: name,
        SAGEMAKER_VARIANT_NAME: "AllTraffic",
        AWS_REGION: REGION,
        AWS_ENDPOINT_URL_SAGEMAKER: emu.url,
        AWS_ENDPOINT_URL_CLOUDWATCH: emu.url,
        EXPOSED_TAG_KEYS: "ModelVersion,DeploymentStage",
        ...env,
      },
      { log, handler: failingOnRequest },
    );
    servers.push(server);
    return { server, lines, name };
  }

  const metricsOn = { METRICS_NAMESPACE: NAMESPACE, METRICS_INTERVAL_SECONDS: "0.2" };

  /** The emulator's totals for `metric` of endpoint `name`. */
  const series = (name: string, metric: string): MetricSeries | undefined =>
    emu.metrics().series.find((entry) => entry.metricName === metric && entry.dimensions.EndpointName === name);

  it("binds endpoint, variant, exposed tags and their freshness to every line; errors carry the inference id; no per-invocation line by default", async () => {
    const { server, lines, name } = await container();
    for (let i = 0; i < 5; i += 1) assert.equal((await invoke(server.url, ROW)).status, 200);
    const bad = await invoke(server.url, "{not json", { "X-Amzn-SageMaker-Inference-Id": "req-400" });
    assert.equal(bad.status, 400);
    const crashed = await invoke(server.url, ROW, { "X-Amzn-SageMaker-Inference-Id": "req-500", "X-Amzn-SageMaker-Custom-Attributes": "fail=1" });
    assert.equal(crashed.status, 500);

    const deployment = { endpoint: name, variant: "AllTraffic", tags: { ModelVersion: "1.4.0", DeploymentStage: "dev" }, tagsStatus: "fresh" };
    const rejected = lines.find((line) => line.msg === "invocation rejected");
    const failed = lines.find((line) => line.msg === "invocation failed");
    assert.deepEqual(rejected?.deployment, deployment);
    assert.equal(rejected?.inferenceId, "req-400");
    assert.deepEqual(failed?.deployment, deployment);
    assert.equal(failed?.inferenceId, "req-500");
    assert.equal(failed?.level, "error");
    assert.deepEqual(lines[0].deployment, { endpoint: name, variant: "AllTraffic", tags: {}, tagsStatus: "unavailable" }, "before tags load");
    for (const line of lines) assert.ok(line.deployment !== undefined, `a line without deployment fields: ${JSON.stringify(line)}`);
    assert.equal(lines.filter((line) => line.msg === "invocation").length, 0, "per-invocation lines are off by default");
  });

  it("samples per-invocation lines with LOG_SAMPLE_RATE (1: every one, with status, duration and sizes)", async () => {
    const all = await container({ LOG_SAMPLE_RATE: "1" });
    await invoke(all.server.url, ROW, { "X-Amzn-SageMaker-Inference-Id": "sampled-1" });
    await invoke(all.server.url, ROW);
    const logged = all.lines.filter((line) => line.msg === "invocation");
    assert.equal(logged.length, 2);
    assert.equal(logged[0].inferenceId, "sampled-1");
    assert.equal(logged[0].level, "info");
    assert.equal(logged[0].status, 200);
    assert.equal(logged[0].requestBytes, JSON.stringify(ROW).length);
    assert.ok(typeof logged[0].durationMs === "number" && (logged[0].responseBytes as number) > 0);

    const half = await container({ LOG_SAMPLE_RATE: "0.5" });
    for (let i = 0; i < 200; i += 1) await invoke(half.server.url, ROW);
    const sampled = half.lines.filter((line) => line.msg === "invocation").length;
    assert.ok(sampled > 50 && sampled < 150, `about half of 200 invocations logged, got ${sampled}`);
  });

  it("publishes counts, the latency distribution, sizes and tag status per {EndpointName, VariantName, ModelVersion}", async () => {
    const { server, name } = await container(metricsOn);
    for (let i = 0; i < 6; i += 1) assert.equal((await invoke(server.url, ROW)).status, 200);
    assert.equal((await invoke(server.url, "{not json")).status, 400);
    assert.equal((await invoke(server.url, "a,b", { "Content-Type": "image/png" })).status, 415);
    assert.equal((await invoke(server.url, ROW, { "X-Amzn-SageMaker-Custom-Attributes": "fail=1" })).status, 500);
    await waitFor(async () => series(name, "Invocations")?.sum === 9, 10_000);

    const dimensions = { EndpointName: name, VariantName: "AllTraffic", ModelVersion: "1.4.0" };
    const sum = (metric: string) => series(name, metric)?.sum;
    assert.deepEqual(series(name, "Invocations")?.dimensions, dimensions);
    assert.deepEqual(
      ["Invocations", "Invocation4XXErrors", "Invocation5XXErrors", "TagsFresh", "TagsStale", "TagsUnavailable"].map(sum),
      [9, 2, 1, 9, 0, 0],
    );
    assert.equal(series(name, "Latency")?.sampleCount, 9, "one latency sample per invocation");
    const latency = emu.metrics().datums.find((datum) => datum.metricName === "Latency");
    assert.equal(latency?.unit, "Milliseconds");
    assert.equal(latency?.values?.length, latency?.counts?.length, "a distribution: values with counts");
    assert.equal(series(name, "RequestBytes")?.sampleCount, 9);
    assert.equal(sum("RequestBytes"), 7 * JSON.stringify(ROW).length + "{not json".length + "a,b".length);

    const controlPlane = emu.metrics().series.filter((entry) => entry.metricName === "ControlPlaneCalls" && entry.dimensions.EndpointName === name);
    assert.deepEqual(controlPlane.map((entry) => entry.dimensions), [{ EndpointName: name, VariantName: "AllTraffic" }], "per process, not per version");
    assert.equal(controlPlane[0].sum, 6, "DescribeEndpoint, DescribeEndpointConfig, DescribeModel and 3 ListTags");
    assert.equal(emu.metrics().series.find((entry) => entry.metricName === "ControlPlaneErrors" && entry.dimensions.EndpointName === name)?.sum, 0);
  });

  it("counts control-plane errors and tags seen unavailable", async () => {
    emu.setFaults({ error: "accessDenied", operations: ["DescribeEndpoint"] });
    const { server, name } = await container({ ...metricsOn, AWS_MAX_ATTEMPTS: "1" });
    assert.equal((await invoke(server.url, ROW)).status, 200);
    await waitFor(async () => series(name, "Invocations")?.sum === 1 && (series(name, "ControlPlaneErrors")?.sum ?? 0) >= 1, 10_000);
    assert.equal(series(name, "TagsUnavailable")?.sum, 1);
    assert.equal(series(name, "Invocations")?.dimensions.ModelVersion, "unknown", "no tags, no model version");
  });

  it("loses no invocation to a CloudWatch outage (errors, then a hang), retries with backoff and counts what it drops", async () => {
    emu.setFaults({ error: "serverError", operations: ["PutMetricData"], count: 4 });
    const { server, lines, name } = await container(metricsOn);
    const deadline = Date.now() + 1500;
    let answered = 0;
    while (Date.now() < deadline) {
      assert.equal((await invoke(server.url, ROW)).status, 200);
      answered += 1;
    }
    await waitFor(async () => (series(name, "Invocations")?.sum ?? 0) > 0 && (emu.metrics().series.find((entry) => entry.metricName === "MetricsDropped")?.sum ?? 0) > 0, 10_000);
    assert.ok(lines.some((line) => line.msg === "metrics publication failed; retrying"));
    assert.ok(lines.some((line) => line.msg === "metrics dropped"));
    const published = series(name, "Invocations")?.sum ?? 0;
    assert.ok(published > 0 && published < answered, `the first interval was dropped after 4 attempts: ${published} of ${answered}`);

    emu.setFaults({ latencyMs: 20_000, operations: ["PutMetricData"] });
    const started = Date.now();
    for (let i = 0; i < 20; i += 1) assert.equal((await invoke(server.url, ROW)).status, 200);
    assert.ok(Date.now() - started < 5_000, `invocations do not wait for a hung CloudWatch (${Date.now() - started} ms for 20)`);
    const closing = Date.now();
    await server.close();
    servers = servers.filter((running) => running !== server);
    assert.ok(Date.now() - closing < 8_000, `the drain gives metrics a bounded time (${Date.now() - closing} ms)`);
  });

  it("publishes what is left when it drains, without waiting for the interval", async () => {
    const { server, name } = await container({ METRICS_NAMESPACE: NAMESPACE });
    for (let i = 0; i < 3; i += 1) await invoke(server.url, ROW);
    assert.equal(series(name, "Invocations"), undefined, "nothing before the minute");
    await server.close();
    servers = servers.filter((running) => running !== server);
    assert.equal(series(name, "Invocations")?.sum, 3);
  });
});
