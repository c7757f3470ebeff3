/**
 * Metrics with several workers, as real processes (the bundle) against the emulator: each worker
 * publishes its own invocations under the same dimensions (the counts add up to what was served) and
 * the primary, which owns the tag cache, publishes the control-plane calls.
 */
import { strict as assert } from "node:assert";
import type { SageMakerEmulator } from "../../local/emulator";
import { useBundleSuite } from "./helpers/bundle-suite";
import { invokeOnNewConnection, waitFor } from "./helpers/http";
import { listeningUrl } from "./helpers/process";

const ENDPOINT = "metrics-workers";
const ROW = { instances: [[120, 3, 15, 4]] };

describe("container: metrics with workers (node:cluster)", function () {
  this.timeout(45_000);
  const suite = useBundleSuite(ENDPOINT);
  let emu: SageMakerEmulator;
  beforeEach(() => (emu = suite.emu()));

  const sum = (metric: string): number =>
    emu
      .metrics()
      .series.filter((entry) => entry.metricName === metric && entry.dimensions.EndpointName === ENDPOINT)
      .reduce((total, entry) => total + entry.sum, 0);

  it("adds up every worker's invocations under one dimension set; the primary counts the control-plane calls", async () => {
    const proc = suite.serve(["serve"], {
      SAGEMAKER_MODEL_SERVER_WORKERS: "2",
      SAGEMAKER_VARIANT_NAME: "AllTraffic",
      METRICS_NAMESPACE: "TaggedEndpoints",
      METRICS_INTERVAL_SECONDS: "0.2",
      AWS_ENDPOINT_URL_CLOUDWATCH: emu.url,
    });
    const url = await listeningUrl(proc, 15_000);
    await waitFor(async () => proc.lines.filter((line) => line.msg === "listening").length >= 2, 15_000);
    for (let i = 0; i < 20; i += 1) assert.equal((await invokeOnNewConnection(url, ROW)).status, 200);
    await waitFor(async () => sum("Invocations") === 20 && sum("ControlPlaneCalls") >= 6, 15_000);
    const series = emu.metrics().series.filter((entry) => entry.metricName === "Invocations" && entry.dimensions.EndpointName === ENDPOINT);
    assert.deepEqual(series.map((entry) => entry.dimensions), [{ EndpointName: ENDPOINT, VariantName: "AllTraffic", ModelVersion: "1.4.0" }]);
    proc.child.kill("SIGTERM");
    await proc.exited;
  });
});
