/** The deployment context is computed once per tag change, not per line; metric data respect CloudWatch's limits. */
import { strict as assert } from "node:assert";
import { DeploymentContext } from "../../container/src/deployment-context";
import { createLogger, LogBinding } from "../../container/src/log";
import { IntervalAggregate, roundTo2Digits } from "../../container/src/metrics/aggregate";
import { MAX_VALUES_PER_DATUM, metricData } from "../../container/src/metrics/metric-data";
import type { TagState } from "../../container/src/tags/tag-provider";

const identity = { endpointName: "ep", variantName: "AllTraffic", exposedTagKeys: ["ModelVersion"], dimensionNames: ["EndpointName", "VariantName", "ModelVersion"] };
const snapshot = (version: string) => ({ layers: { endpoint: {}, endpointConfig: {}, model: { ModelVersion: version } }, merged: { ModelVersion: version }, loadedAt: new Date(), endpointConfigName: "ep--0123456789" });

describe("container: deployment context and metric data", () => {
  it("rebinds only when the snapshot or its status changes; every line then carries the bound fields", () => {
    const binding = new LogBinding();
    const lines: string[] = [];
    const log = createLogger("info", (line) => lines.push(line)).bound(binding);
    const context = new DeploymentContext(identity, binding);
    const v1: TagState = { status: "fresh", snapshot: snapshot("1.4.0"), lastError: null };
    for (let i = 0; i < 1000; i += 1) context.observe({ ...v1 });
    assert.equal(context.rebindCount(), 2, "the initial binding and the first snapshot");
    context.observe({ ...v1, status: "stale" });
    context.observe({ status: "fresh", snapshot: snapshot("1.5.0"), lastError: null });
    assert.equal(context.rebindCount(), 4);
    log.child({ inferenceId: "x" }).info("hello", { n: 1 });
    assert.deepEqual(JSON.parse(lines[0]), {
      time: JSON.parse(lines[0]).time,
      level: "info",
      msg: "hello",
      deployment: { endpoint: "ep", variant: "AllTraffic", tags: { ModelVersion: "1.5.0" }, tagsStatus: "fresh" },
      inferenceId: "x",
      n: 1,
    });
    assert.deepEqual(context.dimensions().dimensions, [
      { Name: "EndpointName", Value: "ep" },
      { Name: "VariantName", Value: "AllTraffic" },
      { Name: "ModelVersion", Value: "1.5.0" },
    ]);
    assert.deepEqual(context.processDimensions().dimensions.map((d) => d.Name), ["EndpointName", "VariantName"]);
  });

  it("publishes a missing or non-ASCII dimension value as CloudWatch accepts it", () => {
    const context = new DeploymentContext({ ...identity, variantName: null }, new LogBinding());
    context.observe({ status: "fresh", snapshot: snapshot("1.4.0-β"), lastError: null });
    assert.deepEqual(context.dimensions().dimensions.map((d) => d.Value), ["ep", "unknown", "1.4.0-?"]);
  });

  it("splits a latency distribution over datums of at most 150 values (CloudWatch's limit), keeping every count", () => {
    const aggregate = new IntervalAggregate();
    const set = { key: "s", dimensions: [{ Name: "EndpointName", Value: "ep" }] };
    for (let i = 1; i <= 1000; i += 1) {
      aggregate.recordInvocation(set, { status: 200, latencyMs: i * 0.01, requestBytes: 10, responseBytes: 20, tagStatus: "fresh" });
    }
    const latency = metricData(aggregate, new Date(), 0).filter((datum) => datum.MetricName === "Latency");
    assert.ok(latency.length >= 2 && latency.every((datum) => (datum.Values?.length ?? 0) <= MAX_VALUES_PER_DATUM));
    assert.equal(latency.flatMap((datum) => datum.Counts ?? []).reduce((a, b) => a + b, 0), 1000);
    assert.deepEqual([roundTo2Digits(0.01234), roundTo2Digits(1234), roundTo2Digits(0)], [0.012, 1200, 0]);
  });
});
