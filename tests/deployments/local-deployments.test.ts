// Deployments in local mode, end to end: the real program on the prod stack (tagsRequired, canary 50 %,
// auto-rollback), each fleet its own container process signing as the program's execution role (the
// emulator enforces its policies), the emulator running UpdateEndpoint blue/green and routing invocations
// by the traffic shift, under continuous keep-alive load through the runtime API.
import { strict as assert } from "node:assert";
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { sageMakerClient } from "../../base/sagemaker-client";
import { phaseLine, watchDeployment } from "../../local/deployment-watch";
import { startLocalMode, type LocalModeSession } from "../../local/local-mode";
import { Shutdown } from "../../local/shutdown";
import { stackConfig, type ConfigEdits } from "../support/program";
import { localOptions } from "./local-options";
import { startLoad, type LoadResult } from "./load";

/** SageMaker's 300 s canary bake and termination wait take 1.2 s here. */
const TIME_FACTOR = 0.004;
const TTL_SECONDS = 2;
const CLIENTS = 30;

const BASE: ConfigEdits = { tagCacheTtlSeconds: TTL_SECONDS };
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/tagged-endpoint-prod";

const OPTIONS = localOptions("prod", TIME_FACTOR);

async function ping(url: string): Promise<number> {
  return (await fetch(new URL("/ping", url))).status;
}

/** What the container at `url` says about itself when invoked directly (bypassing the emulator). */
async function direct(url: string): Promise<SelfReport> {
  const response = await fetch(new URL("/invocations", url), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ instances: [[1, 2, 3, 4]] }) });
  assert.equal(response.status, 200);
  return ((await response.json()) as { deployment: SelfReport }).deployment;
}

/** A response's `deployment`, as far as these tests read it. */
interface SelfReport {
  modelName: string;
  endpointConfigName: string | null;
  tagsStatus: string;
  tags: Record<string, string>;
}

function summary(results: LoadResult[]): string {
  const byModel = new Map<string, number>();
  for (const result of results) {
    const key = result.status === 200 ? String(result.modelName) : `failed ${result.status}`;
    byModel.set(key, (byModel.get(key) ?? 0) + 1);
  }
  return [...byModel].map(([key, count]) => `${key}: ${count}`).join(", ");
}

describe("deployments in local mode (prod stack)", function () {
  this.timeout(90_000);
  const shutdown = new Shutdown();
  const progress: string[] = [];
  let session: LocalModeSession;
  let client: SageMakerClient;

  before(async () => {
    const started = Date.now();
    session = await startLocalMode(OPTIONS, (line) => progress.push(line), shutdown, {
      config: stackConfig("prod", BASE),
    });
    client = sageMakerClient({ region: session.outputs.region, endpointUrl: session.emulatorUrl });
    console.log(`      local mode for prod started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  after(async () => {
    client?.destroy();
    await shutdown.run();
  });
  afterEach(() => {
    session.emulator.setDeploymentFault(null);
    session.emulator.setDeploymentTimeFactor(TIME_FACTOR);
  });

  /** The containers' control-plane calls so far (signed as the execution role), and that none was denied. */
  function assertNoDenials(): void {
    const { calls } = session.emulator.callLog();
    const asRole = calls.filter((call) => call.caller !== "unrestricted");
    assert.ok(asRole.some((call) => call.action === "sagemaker:ListTags" && call.decision === "allowed"), "the containers call as the execution role");
    assert.deepEqual(asRole.filter((call) => call.decision !== "allowed"), [], "no control-plane call of any fleet is denied");
  }

  /** Runs the program with `edits` and follows the deployment to its end. */
  async function update(edits: ConfigEdits, onPhase: (line: string) => void | Promise<void> = () => undefined, replacesModel = true) {
    const before = session.outputs;
    const after = await session.update(stackConfig("prod", { ...BASE, ...edits }));
    assert.notEqual(after.endpointConfigName, before.endpointConfigName, "the edit draws a new config (a new fleet)");
    if (replacesModel) assert.notEqual(after.modelName, before.modelName, "the edit replaces the Model");
    else assert.equal(after.modelName, before.modelName, "the edit keeps the Model");
    const pending: Promise<void>[] = [];
    const outcome = await watchDeployment(client, after.endpointName, after.endpointConfigName, (line) => void pending.push(Promise.resolve(onPhase(line))));
    await Promise.all(pending);
    if (outcome.result === "deployed") session.outputs = after;
    return { before, after, outcome };
  }

  it("deploys a capacity-only change as a new config with the same Model: each fleet reports its own config", async () => {
    // Fleet identity v2: the Model is not replaced, so both fleets run it; each container resolved its config
    // at start (the old fleet before the update, the new one while it was pending). First: the stack runs
    // the config local mode started with, so only the capacity differs.
    const variant = JSON.parse(stackConfig("prod")["tagged-endpoint:variant"]) as { instance: Record<string, unknown> };
    const edits = { variant: { ...variant, instance: { ...variant.instance, initialInstanceCount: 3 } } };
    const reports: { fleet: string; endpointConfigName: string | null; modelName: string }[] = [];
    const { before, after, outcome } = await update(
      edits,
      async (line) => {
        if (reports.length > 0 || !line.includes("Baking, 50 %")) return;
        for (const fleet of session.fleets.list()) {
          const self = await direct(fleet.url);
          reports.push({ fleet: fleet.configName, endpointConfigName: self.endpointConfigName, modelName: self.modelName });
        }
      },
      false,
    );
    assert.equal(outcome.result, "deployed", outcome.phases.join(" | "));
    const byFleet = (a: { fleet: string }, b: { fleet: string }) => a.fleet.localeCompare(b.fleet);
    assert.deepEqual(
      reports.sort(byFleet),
      [
        { fleet: before.endpointConfigName, endpointConfigName: before.endpointConfigName, modelName: before.modelName },
        { fleet: after.endpointConfigName, endpointConfigName: after.endpointConfigName, modelName: before.modelName },
      ].sort(byFleet),
    );
    assertNoDenials();
  });

  it("updates under load: while both fleets serve, every answer names the model of the fleet that served it", async () => {
    const started = Date.now();
    const load = startLoad(session.emulatorUrl, session.outputs.endpointName, CLIENTS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const checks: string[] = [];
    let checkedBaking = false;
    // A new model version: a new image (local mode runs ./container for any image) and its version tag.
    const newVersion = { imageUri: `${IMAGE}:1.5.0`, tags: { ...JSON.parse(stackConfig("prod")["tagged-endpoint:tags"]), ModelVersion: "1.5.0" } };
    const { before, after, outcome } = await update(newVersion, async (line) => {
      if (checkedBaking || !line.includes("Baking, 50 %")) return;
      checkedBaking = true;
      // Both fleets serve: each container answers /ping 200 (tagsRequired) and names its own model.
      const fleets = session.fleets.list();
      assert.equal(fleets.length, 2, JSON.stringify(fleets));
      for (const fleet of fleets) {
        assert.equal(await ping(fleet.url), 200, `${fleet.configName} /ping`);
        const self = await direct(fleet.url);
        // Each fleet reports the config that launched it (resolved at run time) and that config's Model.
        assert.equal(self.endpointConfigName, fleet.configName);
        const launched = await client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: fleet.configName }));
        assert.equal(self.modelName, launched.ProductionVariants?.[0]?.ModelName);
        assert.equal(self.tagsStatus, "fresh");
        checks.push(self.modelName);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const results = await load.stop();
    assert.equal(outcome.result, "deployed", outcome.phases.join(" | "));
    assert.deepEqual(checks.sort(), [before.modelName, after.modelName].sort());
    const served = results.filter((result) => result.status === 200);
    assert.ok(served.every((result) => result.modelName === before.modelName || result.modelName === after.modelName), summary(results));
    assert.ok(served.some((result) => result.modelName === before.modelName) && served.some((result) => result.modelName === after.modelName), summary(results));
    const switched = results.filter((result) => result.at > Date.now() - 200);
    assert.ok(switched.every((result) => result.status !== 200 || result.modelName === after.modelName), "only the new fleet once InService");
    const failed = results.filter((result) => result.status !== 200);
    console.log(`      update under load: ${results.length} invocations by ${CLIENTS} clients in ${((Date.now() - started) / 1000).toFixed(1)} s (${summary(results)}); ${failed.length} failed${failed[0] ? `, e.g. ${failed[0].status} ${failed[0].error}` : ""}`);
    console.log(`      phases: ${outcome.phases.join(" | ")}`);
    assert.deepEqual(failed, [], "no invocation fails from start to end (the old fleet drains on SIGTERM)");
    assertNoDenials();
  });

  it("brings a plain tag change to both fleets within one TTL, without a deployment", async () => {
    // A long bake keeps both fleets serving; the tag change is applied meanwhile, as a second `pulumi up`.
    const tags = JSON.parse(stackConfig("prod")["tagged-endpoint:tags"]) as Record<string, string>;
    const next = { ...BASE, imageUri: `${IMAGE}:1.6.0`, tagCacheTtlSeconds: TTL_SECONDS + 1 };
    const after = await session.update(stackConfig("prod", { ...next, tags: { ...tags, ModelVersion: "1.6.0" } }));
    await waitFor(async () => (await watchPhase(client, after.endpointName)).includes("Baking"), 20_000, 20);
    session.emulator.setDeploymentTimeFactor(1);
    const retagged = await session.update(stackConfig("prod", { ...next, tags: { ...tags, ModelVersion: "1.7.0" } }));
    assert.equal(retagged.modelName, after.modelName, "a tag change keeps the fleet");
    const changedAt = Date.now();
    const fleets = session.fleets.list();
    assert.equal(fleets.length, 2);
    for (const fleet of fleets) {
      await waitFor(async () => (await direct(fleet.url)).tags.ModelVersion === "1.7.0", (TTL_SECONDS + 2) * 1000);
    }
    const took = (Date.now() - changedAt) / 1000;
    assert.ok(took <= TTL_SECONDS + 2, `${took} s`);
    console.log(`      the tag change reached both fleets after ${took.toFixed(1)} s (TTL ${TTL_SECONDS} s of the old fleet, ${TTL_SECONDS + 1} s of the new)`);
    assertNoDenials();
    session.emulator.setDeploymentTimeFactor(TIME_FACTOR);
    const outcome = await watchDeployment(client, after.endpointName, after.endpointConfigName, () => undefined);
    assert.equal(outcome.result, "deployed");
    session.outputs = retagged;
  });

  it("rolls back under load when an alarm fires while baking; a fresh container of the old fleet reads its own tags", async () => {
    const load = startLoad(session.emulatorUrl, session.outputs.endpointName, CLIENTS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    session.emulator.setDeploymentFault("alarm");
    const { before, after, outcome } = await update({ imageUri: `${IMAGE}:1.7.0` });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const results = await load.stop();
    assert.equal(outcome.result, "rolled back", outcome.phases.join(" | "));
    assert.equal(outcome.configName, before.endpointConfigName);
    assert.deepEqual(session.fleets.list().map((fleet) => fleet.configName), [before.endpointConfigName], "the new fleet is stopped");
    const served = results.filter((result) => result.status === 200);
    assert.ok(served.every((result) => result.modelName === before.modelName || result.modelName === after.modelName), summary(results));
    // A replacement instance of the old fleet (autoscaling, host failure) starts after the rollback.
    const model = await client.send(new DescribeModelCommand({ ModelName: before.modelName }));
    const fresh = await session.fleets.launch({
      endpointName: before.endpointName,
      configName: before.endpointConfigName,
      variantName: "AllTraffic",
      modelName: before.modelName,
      environment: model.PrimaryContainer?.Environment ?? {},
    });
    try {
      assert.equal(await ping(fresh.url), 200, "tagsRequired: /ping is 200 only once its own tags loaded");
      const self = await direct(fresh.url);
      assert.equal(self.modelName, before.modelName);
      assert.equal(self.endpointConfigName, before.endpointConfigName);
      assert.equal(self.tagsStatus, "fresh");
    } finally {
      await fresh.stop();
    }
    const failed = results.filter((result) => result.status !== 200);
    console.log(`      rollback under load: ${results.length} invocations (${summary(results)}); ${failed.length} failed${failed[0] ? `, e.g. ${failed[0].status} ${failed[0].error}` : ""}`);
    console.log(`      phases: ${outcome.phases.join(" | ")}`);
    assert.ok(served.some((result) => result.modelName === after.modelName), "the new fleet served its canary share before the alarm");
    assert.deepEqual(failed, [], "no invocation fails from start to end (the new fleet drains on SIGTERM)");
    assertNoDenials();
  });

});

/** The phase line of the endpoint now. */
async function watchPhase(client: SageMakerClient, endpointName: string): Promise<string> {
  return phaseLine(await client.send(new DescribeEndpointCommand({ EndpointName: endpointName })));
}

/** Polls `check` every `everyMs` until it holds; fails after `timeoutMs`. */
async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
