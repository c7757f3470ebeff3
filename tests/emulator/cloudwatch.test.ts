// CloudWatch PutMetricData on the emulator's port through the real @aws-sdk/client-cloudwatch: the wire
// protocol it speaks (AWS JSON 1.0, gzip above 10 kB), CloudWatch's checks, faults and the admin route.
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from "@aws-sdk/client-cloudwatch";
import { strict as assert } from "node:assert";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { EMULATOR_CREDENTIALS, type MetricsSnapshot } from "../../local/emulator";
import { rejection, useHarness } from "./harness";

describe("emulator CloudWatch API (PutMetricData)", () => {
  const harness = useHarness();
  let cw: CloudWatchClient;
  beforeEach(() => {
    const { emu } = harness();
    cw = new CloudWatchClient({ endpoint: emu.url, region: emu.region, credentials: EMULATOR_CREDENTIALS, maxAttempts: 1 });
  });
  afterEach(() => cw.destroy());

  const dims = [
    { Name: "EndpointName", Value: "ep" },
    { Name: "ModelVersion", Value: "1.4.0" },
  ];

  it("is what the installed SDK sends: AWS JSON 1.0 with a GraniteServiceVersion20100801 target, gzip for big bodies", async () => {
    const seen: { target?: string; type?: string; encoding?: string }[] = [];
    const spy = createServer((req, res) => {
      seen.push({ target: req.headers["x-amz-target"] as string, type: req.headers["content-type"], encoding: req.headers["content-encoding"] });
      req.resume().on("end", () => res.writeHead(200, { "Content-Type": "application/x-amz-json-1.0" }).end("{}"));
    });
    await new Promise<void>((resolve) => spy.listen(0, "127.0.0.1", resolve));
    const client = new CloudWatchClient({ endpoint: `http://127.0.0.1:${(spy.address() as AddressInfo).port}`, region: "us-east-1", credentials: EMULATOR_CREDENTIALS });
    try {
      await client.send(new PutMetricDataCommand({ Namespace: "N", MetricData: [{ MetricName: "M", Value: 1 }] }));
      const big = Array.from({ length: 300 }, (_, i): MetricDatum => ({ MetricName: `M${i}`, Dimensions: dims, Value: i }));
      await client.send(new PutMetricDataCommand({ Namespace: "N", MetricData: big }));
    } finally {
      client.destroy();
      spy.close();
    }
    assert.deepEqual(seen, [
      { target: "GraniteServiceVersion20100801.PutMetricData", type: "application/x-amz-json-1.0", encoding: undefined },
      { target: "GraniteServiceVersion20100801.PutMetricData", type: "application/x-amz-json-1.0", encoding: "gzip" },
    ]);
  });

  it("keeps every datum and totals each series as CloudWatch would (values/counts, statistic sets, gzip bodies)", async () => {
    const { emu } = harness();
    const at = new Date("2026-01-01T00:00:00Z");
    await cw.send(
      new PutMetricDataCommand({
        Namespace: "TaggedEndpoints",
        MetricData: [
          { MetricName: "Invocations", Dimensions: dims, Timestamp: at, Unit: "Count", Value: 3 },
          { MetricName: "Latency", Dimensions: dims, Timestamp: at, Unit: "Milliseconds", Values: [1.5, 20], Counts: [2, 1] },
          { MetricName: "RequestBytes", Dimensions: dims, Unit: "Bytes", StatisticValues: { SampleCount: 3, Sum: 300, Minimum: 50, Maximum: 200 } },
        ],
      }),
    );
    const big = Array.from({ length: 400 }, (): MetricDatum => ({ MetricName: "Invocations", Dimensions: dims, Value: 1 }));
    await cw.send(new PutMetricDataCommand({ Namespace: "TaggedEndpoints", MetricData: big }));
    const got = emu.metrics();
    assert.equal(got.requests, 2);
    assert.equal(got.datums.length, 403);
    assert.deepEqual(got.datums[1], {
      namespace: "TaggedEndpoints",
      metricName: "Latency",
      dimensions: { EndpointName: "ep", ModelVersion: "1.4.0" },
      timestamp: "2026-01-01T00:00:00.000Z",
      unit: "Milliseconds",
      values: [1.5, 20],
      counts: [2, 1],
    });
    const series = (name: string) => got.series.find((entry) => entry.metricName === name);
    assert.deepEqual(series("Invocations"), { namespace: "TaggedEndpoints", metricName: "Invocations", dimensions: { EndpointName: "ep", ModelVersion: "1.4.0" }, sampleCount: 401, sum: 403 });
    assert.deepEqual([series("Latency")?.sampleCount, series("Latency")?.sum], [3, 23]);
    assert.deepEqual([series("RequestBytes")?.sampleCount, series("RequestBytes")?.sum], [3, 300]);
  });

  it("refuses what CloudWatch refuses, with its error codes", async () => {
    const aws = await rejection(cw.send(new PutMetricDataCommand({ Namespace: "AWS/SageMaker", MetricData: [{ MetricName: "M", Value: 1 }] })));
    assert.equal(aws.name, "InvalidParameterValueException");
    assert.match(aws.message, /The value AWS\/SageMaker for parameter Namespace is invalid/);
    const tooMany = Array.from({ length: 31 }, (_, i) => ({ Name: `D${i}`, Value: "v" }));
    const dimsError = await rejection(cw.send(new PutMetricDataCommand({ Namespace: "N", MetricData: [{ MetricName: "M", Dimensions: tooMany, Value: 1 }] })));
    assert.equal(dimsError.name, "InvalidParameterValueException");
    const values = await rejection(cw.send(new PutMetricDataCommand({ Namespace: "N", MetricData: [{ MetricName: "M", Values: [1, 2], Counts: [1] }] })));
    assert.match(values.message, /as many Counts as Values/);
    assert.equal(harness().emu.metrics().requests, 0);
  });

  it("answers faults on PutMetricData, and shows and resets what it received over the admin API", async () => {
    const { emu } = harness();
    emu.setFaults({ error: "serverError", operations: ["PutMetricData"], count: 1 });
    const failed = await rejection(cw.send(new PutMetricDataCommand({ Namespace: "N", MetricData: [{ MetricName: "M", Value: 1 }] })));
    assert.equal((failed.$metadata as { httpStatusCode?: number }).httpStatusCode, 500);
    await cw.send(new PutMetricDataCommand({ Namespace: "N", MetricData: [{ MetricName: "M", Value: 2 }] }));
    const shown = (await (await fetch(`${emu.url}/_emulator/metrics`)).json()) as MetricsSnapshot;
    assert.deepEqual(shown.series, [{ namespace: "N", metricName: "M", dimensions: {}, sampleCount: 1, sum: 2 }]);
    const reset = (await (await fetch(`${emu.url}/_emulator/metrics/reset`, { method: "POST" })).json()) as MetricsSnapshot;
    assert.deepEqual(reset, { requests: 0, dropped: 0, series: [], datums: [] });
  });
});
