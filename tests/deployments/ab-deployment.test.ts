// A blue/green update of a two-variant endpoint in local mode, end to end: the real program on the A/B
// stack (Pulumi.ab.yaml: Current 90 % with ModelVersion 1.4.0, Candidate 10 % with 1.5.0) plus a 50 %
// canary, each variant of each fleet its own container process, the emulator shifting each variant to its
// new container, under continuous keep-alive load through the runtime API. The test relies on observable
// behaviour only (variant names, ModelVersion tags, DescribeEndpoint and DescribeEndpointConfig), not on
// how Models and configs are named.
import { strict as assert } from "node:assert";
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { EMULATOR_CREDENTIALS } from "../../base/emulator-credentials";
import { sageMakerClient } from "../../base/sagemaker-client";
import { watchDeployment } from "../../local/deployment-watch";
import { startLocalMode, type LocalModeSession } from "../../local/local-mode";
import { Shutdown } from "../../local/shutdown";
import { prodTrafficShifting, stackConfig, type ConfigEdits } from "../support/program";
import { localOptions } from "./local-options";
import { startLoad, type LoadResult } from "./load";

/** SageMaker's 300 s canary bake takes 1.2 s here. */
const TIME_FACTOR = 0.004;
const CLIENTS = 20;
const TARGETED = 15;

/** The A/B stack with a 50 % canary (prod's traffic shifting; no rollback alarms, the emulator does not evaluate them) and a 2 s tag TTL. */
const BASE: ConfigEdits = { tagCacheTtlSeconds: 2, deployment: { ...prodTrafficShifting(), autoRollback: false } };

const OPTIONS = localOptions("ab", TIME_FACTOR);

/** The A/B stack's variants with Candidate's ModelVersion set to `version`. */
function variantsWithCandidate(version: string): unknown[] {
  const variants = JSON.parse(stackConfig("ab")["tagged-endpoint:variants"]) as { name: string; tags?: Record<string, string> }[];
  return variants.map((variant) => (variant.name === "Candidate" ? { ...variant, tags: { ...variant.tags, ModelVersion: version } } : variant));
}

/** Each variant's Model in `configName`, as DescribeEndpointConfig reports it. */
async function modelsByVariant(client: SageMakerClient, configName: string): Promise<Record<string, string>> {
  const config = await client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }));
  return Object.fromEntries((config.ProductionVariants ?? []).map((variant) => [variant.VariantName, variant.ModelName]));
}

/** Counts per `<variant> <ModelVersion> (<fleet>)` (or `failed <status>`); `fleetOf` names a Model's fleet. */
function summary(results: LoadResult[], fleetOf: (modelName: string) => string): string {
  const counts = new Map<string, number>();
  for (const result of results) {
    const key = result.status === 200 ? `${result.invokedVariant} ${result.modelVersion} (${fleetOf(result.modelName ?? "")})` : `failed ${result.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort().map(([key, count]) => `${key}: ${count}`).join(", ");
}

describe("a blue/green update of a two-variant endpoint in local mode (ab stack)", function () {
  this.timeout(120_000);
  const shutdown = new Shutdown();
  let session: LocalModeSession;
  let client: SageMakerClient;
  let runtime: SageMakerRuntimeClient;

  before(async () => {
    const started = Date.now();
    session = await startLocalMode(OPTIONS, () => undefined, shutdown, { config: stackConfig("ab", BASE) });
    client = sageMakerClient({ region: session.outputs.region, endpointUrl: session.emulatorUrl });
    runtime = new SageMakerRuntimeClient({ region: session.outputs.region, endpoint: session.emulatorUrl, credentials: EMULATOR_CREDENTIALS });
    console.log(`      local mode for ab started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  after(async () => {
    client?.destroy();
    runtime?.destroy();
    await shutdown.run();
  });

  async function invokeTargeted(variant: string): Promise<{ variant: string; self: string | null; modelName: string; version: string }> {
    const answer = await runtime.send(
      new InvokeEndpointCommand({ EndpointName: session.outputs.endpointName, TargetVariant: variant, ContentType: "application/json", Body: '{"instances": [[1, 1, 1, 1]]}' }),
    );
    const { deployment } = JSON.parse(answer.Body.transformToString()) as { deployment: { variantName: string | null; modelName: string; tags: Record<string, string> } };
    return { variant: answer.InvokedProductionVariant ?? "", self: deployment.variantName, modelName: deployment.modelName, version: deployment.tags.ModelVersion };
  }

  it("keeps both variants serving with their own ModelVersion throughout; TargetVariant works while baking; ends InService with the configured weights", async () => {
    const before = session.outputs;
    const blueModels = await modelsByVariant(client, before.endpointConfigName);
    const started = Date.now();
    const load = startLoad(session.emulatorUrl, before.endpointName, CLIENTS);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // A change that replaces every variant's fleet (the tag TTL is in each container's environment), and Candidate's new version.
    const after = await session.update(stackConfig("ab", { ...BASE, tagCacheTtlSeconds: 3, variants: variantsWithCandidate("1.6.0") }));
    assert.notEqual(after.endpointConfigName, before.endpointConfigName, "the edit deploys a new endpoint config");
    const greenModels = await modelsByVariant(client, after.endpointConfigName);
    for (const variant of ["Current", "Candidate"]) assert.notEqual(greenModels[variant], blueModels[variant], `${variant} gets a new Model`);

    const checks: string[] = [];
    const pending: Promise<void>[] = [];
    let checkedBaking = false;
    const whileBaking = async () => {
      // Slow the bake down for the checks (every wait re-reads the factor), then let it finish.
      session.emulator.setDeploymentTimeFactor(1);
      try {
        const described = await client.send(new DescribeEndpointCommand({ EndpointName: before.endpointName }));
        assert.equal(described.EndpointConfigName, before.endpointConfigName);
        const pendingSummary = described.PendingDeploymentSummary;
        assert.deepEqual(pendingSummary?.ProductionVariants?.map((v) => [v.VariantName, v.VariantStatus?.[0]?.Status]), [
          ["Current", "Baking"],
          ["Candidate", "Baking"],
        ]);
        assert.deepEqual(await modelsByVariant(client, pendingSummary?.EndpointConfigName ?? ""), greenModels, "DescribeEndpointConfig of the pending config");
        const fleets = session.fleets.list().map((fleet) => `${fleet.configName === before.endpointConfigName ? "old" : "new"} ${fleet.variantName}`);
        assert.deepEqual(fleets.sort(), ["new Candidate", "new Current", "old Candidate", "old Current"], "a container per variant per fleet");
        for (const variant of ["Current", "Candidate"]) {
          const served = new Set<string>();
          for (let i = 0; i < TARGETED; i++) {
            const answer = await invokeTargeted(variant);
            assert.equal(answer.variant, variant);
            assert.equal(answer.self, variant, "the container knows its variant");
            const fleet = answer.modelName === greenModels[variant] ? "new" : answer.modelName === blueModels[variant] ? "old" : `unknown model ${answer.modelName}`;
            served.add(`${fleet} ${answer.version}`);
          }
          checks.push(`${variant}: ${[...served].sort().join(", ")}`);
        }
      } finally {
        session.emulator.setDeploymentTimeFactor(TIME_FACTOR);
      }
    };
    const outcome = await watchDeployment(client, after.endpointName, after.endpointConfigName, (line) => {
      if (checkedBaking || !line.includes("Baking, 50 %")) return;
      checkedBaking = true;
      pending.push(whileBaking());
    });
    await Promise.all(pending);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const results = await load.stop();
    session.outputs = after;
    const failed = results.filter((result) => result.status !== 200);
    const fleetOf = (model: string) => (Object.values(greenModels).includes(model) ? "new" : Object.values(blueModels).includes(model) ? "old" : "unknown");
    const counts = summary(results, fleetOf);
    console.log(`      two-variant update under load: ${results.length} invocations by ${CLIENTS} clients in ${((Date.now() - started) / 1000).toFixed(1)} s (${counts}); ${failed.length} failed${failed[0] ? `, e.g. ${failed[0].status} ${failed[0].error}` : ""}`);
    console.log(`      TargetVariant while baking (${TARGETED} calls each): ${checks.join("; ")}`);
    console.log(`      phases: ${outcome.phases.join(" | ")}`);

    assert.equal(outcome.result, "deployed", outcome.phases.join(" | "));
    assert.ok(checkedBaking, `a 50 % bake was seen: ${outcome.phases.join(" | ")}`);
    assert.deepEqual(failed, [], "no invocation fails from start to end");
    // Each answer names its variant and that variant's version on the fleet that served it.
    const expected: Record<string, Record<string, string>> = {
      [blueModels.Current]: { variant: "Current", version: "1.4.0" },
      [blueModels.Candidate]: { variant: "Candidate", version: "1.5.0" },
      [greenModels.Current]: { variant: "Current", version: "1.4.0" },
      [greenModels.Candidate]: { variant: "Candidate", version: "1.6.0" },
    };
    for (const result of results) {
      const want = expected[result.modelName ?? ""];
      assert.ok(want !== undefined, `an answer from an unknown model: ${JSON.stringify(result)}`);
      assert.deepEqual([result.invokedVariant, result.variantName, result.modelVersion], [want.variant, want.variant, want.version], JSON.stringify(result));
    }
    // Both variants served from both fleets during the update (Candidate's 10 % share is the smallest: ~5 % of calls per fleet while baking).
    const byModel = (model: string) => results.filter((result) => result.modelName === model).length;
    for (const model of Object.keys(expected)) assert.ok(byModel(model) > 0, `${JSON.stringify(expected[model])} served nothing: ${counts}`);

    const done = await client.send(new DescribeEndpointCommand({ EndpointName: after.endpointName }));
    assert.equal(done.EndpointStatus, "InService");
    assert.equal(done.EndpointConfigName, after.endpointConfigName);
    assert.equal(done.PendingDeploymentSummary, undefined);
    assert.deepEqual(done.ProductionVariants?.map((v) => [v.VariantName, v.CurrentWeight, v.DesiredWeight, v.CurrentInstanceCount]), [
      ["Current", 90, 90, 1],
      ["Candidate", 10, 10, 1],
    ]);
    for (const variant of ["Current", "Candidate"]) {
      const answer = await invokeTargeted(variant);
      assert.equal(answer.modelName, greenModels[variant], `${variant}: only the new fleet once InService`);
    }
    // The old fleet's containers are stopped after the termination wait (300 s, 1.2 s here).
    const remaining = () => session.fleets.list().map((fleet) => `${fleet.configName === after.endpointConfigName ? "new" : "old"} ${fleet.variantName}`).sort();
    const deadline = Date.now() + 20_000;
    while (remaining().length > 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(remaining(), ["new Candidate", "new Current"], "the old fleet's containers are stopped");
  });

  it("rolls every variant back to its old container when the new fleet fails its health check, serving throughout", async () => {
    const before = session.outputs;
    const blueModels = await modelsByVariant(client, before.endpointConfigName);
    const load = startLoad(session.emulatorUrl, before.endpointName, CLIENTS);
    session.emulator.setDeploymentFault("health-check");
    try {
      const after = await session.update(stackConfig("ab", { ...BASE, tagCacheTtlSeconds: 4, variants: variantsWithCandidate("1.7.0") }));
      const outcome = await watchDeployment(client, after.endpointName, after.endpointConfigName, () => undefined);
      const results = await load.stop();
      const fleetOf = (model: string) => (Object.values(blueModels).includes(model) ? "old" : "unknown");
      const failed = results.filter((result) => result.status !== 200);
      console.log(`      two-variant rollback under load: ${results.length} invocations (${summary(results, fleetOf)}); ${failed.length} failed`);
      console.log(`      phases: ${outcome.phases.join(" | ")}`);
      assert.equal(outcome.result, "rolled back", outcome.phases.join(" | "));
      assert.equal(outcome.configName, before.endpointConfigName);
      assert.deepEqual(failed, [], "no invocation fails");
      assert.ok(results.every((result) => fleetOf(result.modelName ?? "") === "old"), "only the old containers serve");
      const fleets = session.fleets.list().map((fleet) => `${fleet.configName === before.endpointConfigName ? "old" : "new"} ${fleet.variantName}`);
      assert.deepEqual(fleets.sort(), ["old Candidate", "old Current"], "both new containers are stopped");
      for (const variant of ["Current", "Candidate"]) {
        const answer = await invokeTargeted(variant);
        assert.deepEqual([answer.self, answer.modelName], [variant, blueModels[variant]]);
      }
    } finally {
      session.emulator.setDeploymentFault(null);
      await load.stop();
    }
  });
});
