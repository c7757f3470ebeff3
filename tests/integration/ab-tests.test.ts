/**
 * A/B tests in local mode (`npm start -- --stack ab`, Pulumi.ab.yaml: variants Current 90 and Candidate 10
 * with ModelVersion 1.4.0 and 1.5.0): each variant is its own container process, the emulator routes by
 * the current weights, honours TargetVariant, and every response names the variant that served it and
 * that variant's model version.
 *
 * Candidate runs its own model (container/model-onnx-candidate, other weights) and its own environment
 * (LOG_LEVEL=debug: one `invocation` log line per call); Current runs the stack's model at LOG_LEVEL info.
 *
 * The split: N = 400 invocations without a target; the count served by Candidate (p = 0.1) is binomial
 * with mean 40 and standard deviation 6; the test accepts 40 ± 20 (z = 3.33, a 99.9 % two-sided bound).
 */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  waitUntilEndpointInService,
} from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import * as assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { EMULATOR_CREDENTIALS } from "../../base/emulator-credentials";
import { sageMakerClient } from "../../base/sagemaker-client";
import { readOutputsFile, type StackOutputsSource } from "../../base/stack-outputs";
import { containerPids, isAlive, runDrift, startLocalMode, type BackgroundLocalMode } from "./cli-processes";

const N = 400;
const CANDIDATE_SHARE = 0.1;
/** 99.9 % two-sided binomial bound on the Candidate count: |count - N p| <= 3.33 * sqrt(N p (1 - p)). */
const BOUND = Math.ceil(3.33 * Math.sqrt(N * CANDIDATE_SHARE * (1 - CANDIDATE_SHARE)));
const VERSIONS: Record<string, string> = { Current: "1.4.0", Candidate: "1.5.0" };

interface Served {
  variant: string;
  body: { predictions: unknown[]; deployment: { variantName: string | null; modelName: string | null; endpointConfigName: string | null; tags: Record<string, string> } };
}

describe("A/B tests in local mode (Pulumi.ab.yaml)", function () {
  this.timeout(120_000);
  let dir: string;
  let local: BackgroundLocalMode;
  let source: StackOutputsSource;
  let runtime: SageMakerRuntimeClient;
  let outputsFile: string;
  /** Each variant's Model, as the endpoint's config names it. */
  const models: Record<string, string> = {};

  before(async function () {
    this.timeout(90_000);
    dir = await mkdtemp(path.join(tmpdir(), "ab-test-"));
    outputsFile = path.join(dir, "outputs.json");
    local = await startLocalMode(["--stack", "ab", "--port", "0", "--outputs-file", outputsFile], false, 80_000);
    source = await readOutputsFile(outputsFile);
    runtime = new SageMakerRuntimeClient({ region: source.outputs.region, endpoint: source.local?.emulatorUrl, credentials: EMULATOR_CREDENTIALS });
    const control = sageMakerClient({ region: source.outputs.region, endpointUrl: source.local?.emulatorUrl });
    try {
      const config = await control.send(new DescribeEndpointConfigCommand({ EndpointConfigName: source.outputs.endpointConfigName }));
      for (const variant of config.ProductionVariants ?? []) models[variant.VariantName ?? ""] = variant.ModelName ?? "";
    } finally {
      control.destroy();
    }
  });

  after(async function () {
    this.timeout(30_000);
    runtime?.destroy();
    const pids = containerPids(local?.stdout() ?? "");
    assert.equal(await local?.stop(), 0, "local mode exits 0 on SIGTERM");
    for (const pid of pids) assert.equal(isAlive(pid), false, `container ${pid} is gone with local mode`);
    await rm(dir, { recursive: true, force: true });
  });

  async function invoke(targetVariant?: string): Promise<Served> {
    return invokeWith('{"instances": [[1, 1, 1, 1]]}', targetVariant);
  }

  async function invokeWith(body: string, targetVariant?: string): Promise<Served> {
    const response = await runtime.send(
      new InvokeEndpointCommand({ EndpointName: source.outputs.endpointName, TargetVariant: targetVariant, ContentType: "application/json", Body: body }),
    );
    return { variant: response.InvokedProductionVariant ?? "", body: JSON.parse(response.Body.transformToString()) as Served["body"] };
  }

  /** Each response names the variant the emulator reported, that variant's own Model and its ModelVersion. */
  function assertSelfKnowing(served: Served): void {
    assert.equal(served.body.deployment.variantName, served.variant);
    assert.equal(served.body.deployment.tags.ModelVersion, VERSIONS[served.variant], served.variant);
    // Its own Model (each variant's has its own generation) and the config it resolved at run time.
    assert.equal(served.body.deployment.modelName, models[served.variant], served.variant);
    assert.match(served.body.deployment.modelName ?? "", /--[0-9a-f]{10}$/);
    assert.equal(served.body.deployment.endpointConfigName, source.outputs.endpointConfigName);
  }

  it("passes the drift check (tags per layer, weights) before any shift", async () => {
    const result = await runDrift(["--stack", "ab", "--outputs-file", outputsFile]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /no tag drift/);
  });

  it("runs one container process per variant and prints a targeted line per variant", () => {
    const stdout = local.stdout();
    assert.equal(containerPids(stdout).length, 2, stdout);
    for (const variant of Object.keys(VERSIONS)) {
      assert.ok(stdout.includes(`X-Amzn-SageMaker-Target-Variant: ${variant}`), stdout);
      assert.ok(stdout.includes(`--target-variant ${variant}`), stdout);
    }
  });

  it("runs each variant with its own model: the same house gets each model's own price", async () => {
    // [120, 3, 10, 5]: 40 + 2.5·120 + 12·3 − 0.75·10 − 4·5 (the sample) and 50 + 2.75·120 + 10·3 − 0.5·10 − 5·5 (the candidate).
    const body = '{"instances": [[120, 3, 10, 5]]}';
    assert.deepEqual((await invokeWith(body, "Current")).body.predictions, [348.5]);
    assert.deepEqual((await invokeWith(body, "Candidate")).body.predictions, [380]);
  });

  it("runs each variant with its own environment: only Candidate (LOG_LEVEL=debug) logs every invocation", async () => {
    // A body no other call here sends, so a late log line of an earlier call (local mode's own, the previous
    // test's: container output is piped and may arrive after the mark) is not counted.
    const body = '{"instances": [[7, 7, 7, 7], [8, 8, 8, 8]]}';
    const ours = `"requestBytes":${Buffer.byteLength(body)},`;
    const invocationLines = () => local.stdout().split("\n").filter((line) => line.includes('"msg":"invocation"') && line.includes(ours)).length;
    for (let i = 0; i < 5; i++) await invokeWith(body, "Current");
    for (let i = 0; i < 3; i++) await invokeWith(body, "Candidate");
    const deadline = Date.now() + 10_000;
    while (invocationLines() < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a line Current should not have written
    assert.equal(invocationLines(), 3, local.stdout().slice(-3000));
  });

  it(`splits ${N} invocations 90/10 within ±${BOUND} of ${N * CANDIDATE_SHARE} for Candidate (99.9 % binomial bound)`, async () => {
    const counts: Record<string, number> = { Current: 0, Candidate: 0 };
    for (let i = 0; i < N; i++) {
      const served = await invoke();
      assertSelfKnowing(served);
      counts[served.variant] += 1;
    }
    console.log(`      measured split over ${N} calls: Current ${counts.Current}, Candidate ${counts.Candidate} (bound ${N * CANDIDATE_SHARE} ± ${BOUND})`);
    assert.equal(counts.Current + counts.Candidate, N);
    assert.ok(Math.abs(counts.Candidate - N * CANDIDATE_SHARE) <= BOUND, JSON.stringify(counts));
  });

  it("sends every call with TargetVariant to that variant", async () => {
    for (const target of ["Candidate", "Current"]) {
      for (let i = 0; i < 10; i++) {
        const served = await invoke(target);
        assert.equal(served.variant, target);
        assertSelfKnowing(served);
      }
    }
  });

  it("refuses an unknown TargetVariant with a ValidationError", async () => {
    await assert.rejects(invoke("Nope"), (error: Error) => {
      assert.equal(error.name, "ValidationError");
      assert.match(error.message, /no production variant named Nope/);
      return true;
    });
  });

  it("UpdateEndpointWeightsAndCapacities shifts all traffic to Candidate without a new fleet once InService; DescribeEndpoint reports it", async () => {
    const client = sageMakerClient({ region: source.outputs.region, endpointUrl: source.local?.emulatorUrl as string });
    try {
      const pidsBefore = containerPids(local.stdout());
      await client.send(
        new UpdateEndpointWeightsAndCapacitiesCommand({
          EndpointName: source.outputs.endpointName,
          DesiredWeightsAndCapacities: [
            { VariantName: "Current", DesiredWeight: 0 },
            { VariantName: "Candidate", DesiredWeight: 1 },
          ],
        }),
      );
      // The endpoint is Updating until the new weights apply (local mode: 30 s / --deployment-speedup 100);
      // a client waits for InService as `aws sagemaker wait endpoint-in-service` does.
      const waited = await waitUntilEndpointInService(
        { client, minDelay: 0.1, maxDelay: 0.5, maxWaitTime: 30 },
        { EndpointName: source.outputs.endpointName },
      );
      assert.equal(waited.state, "SUCCESS");
      const described = await client.send(new DescribeEndpointCommand({ EndpointName: source.outputs.endpointName }));
      assert.equal(described.EndpointStatus, "InService");
      assert.equal(described.EndpointConfigName, source.outputs.endpointConfigName, "same fleet");
      assert.deepEqual(
        described.ProductionVariants?.map((v) => [v.VariantName, v.CurrentWeight, v.DesiredWeight]),
        [
          ["Current", 0, 0],
          ["Candidate", 1, 1],
        ],
      );
      for (let i = 0; i < 20; i++) assert.equal((await invoke()).variant, "Candidate");
      assert.deepEqual(containerPids(local.stdout()), pidsBefore, "no container started or stopped");
    } finally {
      client.destroy();
    }
  });

  it("then the drift check reports the live weights that differ from the config, with exit code 1", async () => {
    const result = await runDrift(["--stack", "ab", "--outputs-file", outputsFile]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /no tag drift/);
    assert.match(result.stdout, /weight drift .*\n  Current: config 90, live 0\n  Candidate: config 10, live 1\n/);
  });
});
