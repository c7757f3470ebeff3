// The dashboard and the version alarms the program declares (Pulumi mocks), and the metric names they
// refer to checked against what the container really publishes.
import * as assert from "assert";
import { DEPLOYMENT_METRICS, METRICS_NAMESPACE } from "../../components/deployment-metrics";
import { IntervalAggregate } from "../../container/src/metrics/aggregate";
import { metricData } from "../../container/src/metrics/metric-data";
import { ProgramRun } from "../../local/program-runner";
import { TYPES, onlyResource, resourcesOfType, runStack, runStackFile, stackConfig } from "../support/program";

interface Widget {
  properties: { title: string; region: string; metrics: unknown[] };
}

function widgets(run: ProgramRun): Widget[] {
  return (JSON.parse(String(onlyResource(run, TYPES.dashboard).inputs.dashboardBody)) as { widgets: Widget[] }).widgets;
}

const versionAlarms = (run: ProgramRun) => resourcesOfType(run, TYPES.alarm).filter((alarm) => alarm.inputs.namespace === METRICS_NAMESPACE);

describe("observability: the stack's dashboard", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runStackFile("dev");
  });

  it("is one dashboard named after the endpoint, in the stack's region", () => {
    assert.strictEqual(onlyResource(run, TYPES.dashboard).inputs.dashboardName, "tagged-endpoint-dev");
    assert.strictEqual(run.outputs.dashboardName, "tagged-endpoint-dev");
    for (const widget of widgets(run)) assert.strictEqual(widget.properties.region, "us-east-1", widget.properties.title);
  });

  it("shows SageMaker's built-in metrics per EndpointName/VariantName beside the per-version metrics", () => {
    const text = JSON.stringify(widgets(run));
    for (const name of ["Invocations", "Invocation5XXErrors", "ModelLatency"]) {
      assert.ok(text.includes(JSON.stringify(["AWS/SageMaker", name, "EndpointName", "tagged-endpoint-dev", "VariantName", "AllTraffic"])), name);
    }
    const searches = widgets(run).flatMap((widget) => widget.properties.metrics.filter((metric) => !Array.isArray(metric)) as { expression: string }[]);
    const search = (metric: string) =>
      `SEARCH('{${METRICS_NAMESPACE},EndpointName,VariantName,ModelVersion} MetricName="${metric}" EndpointName="tagged-endpoint-dev"'`;
    for (const metric of ["Invocations", "Invocation5XXErrors", "Latency", "TagsFresh", "TagsStale", "TagsUnavailable"]) {
      assert.ok(searches.some((entry) => entry.expression.startsWith(search(metric))), metric);
    }
    assert.ok(searches.some((entry) => entry.expression.includes("'p99'")), "latency as a percentile");
  });

  it("shows control-plane calls and errors per process and the dropped metric data", () => {
    const text = JSON.stringify(widgets(run));
    for (const name of ["ControlPlaneCalls", "ControlPlaneErrors"]) {
      assert.ok(text.includes(JSON.stringify([METRICS_NAMESPACE, name, "EndpointName", "tagged-endpoint-dev", "VariantName", "AllTraffic"])), name);
    }
    assert.ok(text.includes(JSON.stringify([METRICS_NAMESPACE, "MetricsDropped"])));
  });

  it("refers only to metric names the container publishes", () => {
    const aggregate = new IntervalAggregate();
    const set = { key: "k", dimensions: [{ Name: "EndpointName", Value: "e" }] };
    aggregate.recordInvocation(set, { status: 200, latencyMs: 1, requestBytes: 1, responseBytes: 1, tagStatus: "fresh" });
    aggregate.recordControlPlaneCall(set, true);
    const published = new Set(metricData(aggregate, new Date(), 1).map((datum) => datum.MetricName));
    for (const name of Object.values(DEPLOYMENT_METRICS)) assert.ok(published.has(name), name);
  });
});

describe("observability: alarms on the deploying model version", () => {
  it("watch the version's own 5xx errors and p99 latency with the rollback thresholds", async () => {
    const alarms = versionAlarms(await runStackFile("prod")).map((alarm) => alarm.inputs);
    assert.deepStrictEqual(
      alarms.map(({ name, metricName, dimensions, threshold, statistic, extendedStatistic }) => ({ name, metricName, dimensions, threshold, statistic, extendedStatistic })),
      [
        {
          name: "tagged-endpoint-prod-version-5xx-errors",
          metricName: "Invocation5XXErrors",
          dimensions: { EndpointName: "tagged-endpoint-prod", VariantName: "AllTraffic", ModelVersion: "1.4.0" },
          threshold: 1,
          statistic: "Sum",
          extendedStatistic: undefined,
        },
        {
          name: "tagged-endpoint-prod-version-latency-p99",
          metricName: "Latency",
          dimensions: { EndpointName: "tagged-endpoint-prod", VariantName: "AllTraffic", ModelVersion: "1.4.0" },
          threshold: 500,
          statistic: undefined,
          extendedStatistic: "p99",
        },
      ],
    );
  });

  it("keep their names (and the endpoint's rollback alarm list) when thresholds or the version change", async () => {
    const before = await runStackFile("prod");
    const deployment = JSON.parse(stackConfig("prod")["tagged-endpoint:deployment"]) as Record<string, unknown>;
    const tags = JSON.parse(stackConfig("prod")["tagged-endpoint:tags"]) as Record<string, string>;
    const after = await runStack("prod", {
      deployment: { ...deployment, autoRollback: { errorThreshold: 5, latencyThresholdMs: 900 } },
      tags: { ...tags, ModelVersion: "2.0.0" },
    });
    const names = (run: ProgramRun) => versionAlarms(run).map((alarm) => alarm.inputs.name);
    assert.deepStrictEqual(names(after), names(before));
    assert.deepStrictEqual(versionAlarms(after).map((alarm) => [alarm.inputs.threshold, (alarm.inputs.dimensions as Record<string, string>).ModelVersion]), [
      [5, "2.0.0"],
      [900, "2.0.0"],
    ]);
    const rollbackList = (run: ProgramRun) => JSON.stringify(onlyResource(run, TYPES.endpoint).inputs.deploymentConfig);
    assert.strictEqual(rollbackList(after).includes("version"), false, "not in the endpoint's auto-rollback list");
  });

  it("are not declared when ModelVersion is not exposed (the container would publish no such dimension)", async () => {
    const run = await runStack("prod", { exposedTagKeys: ["DeploymentStage"] });
    assert.deepStrictEqual(versionAlarms(run), []);
  });
});
