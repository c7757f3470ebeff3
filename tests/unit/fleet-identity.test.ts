// Fleet identity: the Model and EndpointConfig names are `<endpoint>--<generation>`, each with its own
// generation, known before creation; the Model's is injected into its container. Successive runs on one
// StackState behave as successive `pulumi up`s.
import * as assert from "assert";
import { fleetArnPattern } from "../../components/arns";
import { defaultEndpointName } from "../../components/settings/names";
import { StackState } from "../../local/physical-names";
import { ProgramRun } from "../../local/program-runner";
import { ACCOUNT_ID } from "../support/fake-aws";
import { generationHex, modelEnvironment, runStack } from "../support/program";

const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

function names(run: ProgramRun) {
  return { model: String(run.outputs.modelName), config: String(run.outputs.endpointConfigName) };
}

describe("fleet identity: names", () => {
  it("names the Model and EndpointConfig <endpoint>--<10 hex> of their own generations and injects the Model's into the container", async () => {
    const run = await runStack("prod");
    assert.deepStrictEqual(names(run), {
      model: `tagged-endpoint-prod--${generationHex(run, "endpoint-model-generation")}`,
      config: `tagged-endpoint-prod--${generationHex(run, "endpoint-config-generation")}`,
    });
    assert.strictEqual(modelEnvironment(run).SAGEMAKER_MODEL_NAME, run.outputs.modelName);
    assert.strictEqual(modelEnvironment(run).SAGEMAKER_ENDPOINT_CONFIG_NAME, undefined);
  });

  it("gives two stacks different names", async () => {
    const dev = names(await runStack("dev"));
    const prod = names(await runStack("prod"));
    assert.notStrictEqual(dev.model.replace(/.*--/, ""), prod.model.replace(/.*--/, ""));
  });

  it("fits SageMaker's 63 characters with the longest endpoint name the settings accept", async () => {
    const endpointName = "e".repeat(51);
    const run = await runStack("dev", { endpointName });
    for (const name of Object.values(names(run))) {
      assert.strictEqual(name.length, 63);
      assert.match(name, SAGEMAKER_NAME);
    }
    assert.strictEqual(defaultEndpointName("p".repeat(60), "dev").length, 51);
  });
});

describe("fleet identity: successive updates of one stack", () => {
  const state = new StackState("prod");
  const runs: Record<string, ProgramRun> = {};
  before(async () => {
    runs.first = await runStack("prod", {}, undefined, {}, state);
    runs.retagged = await runStack("prod", { tags: { ModelVersion: "9.9.9", DeploymentStage: "prod", CreatedBy: "x", CostCenter: "y" } }, undefined, {}, state);
    runs.rescaled = await runStack("prod", { variant: { instance: { instanceType: "ml.m5.large", initialInstanceCount: 2, autoscaling: { minCapacity: 2, maxCapacity: 9, targetInvocationsPerInstance: 100 } } } }, undefined, {}, state);
    runs.newTtl = await runStack("prod", { tagCacheTtlSeconds: 60 }, undefined, {}, state);
    runs.newCount = await runStack("prod", { tagCacheTtlSeconds: 60, variant: { instance: { instanceType: "ml.m5.large", initialInstanceCount: 3 } } }, undefined, {}, state);
    runs.back = await runStack("prod", {}, undefined, {}, state);
  });

  it("keeps the fleet on a tag change and on an autoscaling change (neither replaces the Model or config)", () => {
    assert.deepStrictEqual(names(runs.retagged), names(runs.first));
    assert.deepStrictEqual(names(runs.rescaled), names(runs.first));
  });

  it("starts a new fleet (new Model and config names) on a container-environment change", () => {
    assert.notStrictEqual(names(runs.newTtl).model, names(runs.first).model);
    assert.notStrictEqual(names(runs.newTtl).config, names(runs.first).config);
    assert.strictEqual(modelEnvironment(runs.newTtl).SAGEMAKER_MODEL_NAME, names(runs.newTtl).model);
  });

  it("draws a new config name and keeps the Model on a config-only change (the container finds its config at run time)", () => {
    assert.notStrictEqual(names(runs.newCount).config, names(runs.newTtl).config);
    assert.strictEqual(names(runs.newCount).model, names(runs.newTtl).model);
  });

  it("never reuses an earlier name when the inputs go back (a retained old Model or config cannot collide)", () => {
    const models = Object.values(runs).map((run) => names(run).model);
    const configs = Object.values(runs).map((run) => names(run).config);
    assert.strictEqual(new Set(models).size, 3, models.join(" "));
    assert.strictEqual(new Set(configs).size, 4, configs.join(" "));
    assert.notStrictEqual(names(runs.back).model, names(runs.first).model);
    assert.notStrictEqual(names(runs.back).config, names(runs.first).config);
  });
});

describe("fleet identity: the tag-read scope", () => {
  const env = { accountId: ACCOUNT_ID, partition: "aws", region: "us-east-1" };
  const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  const matches = (pattern: string, arn: string) => glob(pattern).test(arn);
  const modelArn = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:model/${name.toLowerCase()}`;

  it("matches every generation of this endpoint's fleets", () => {
    const pattern = fleetArnPattern(env, "model", "tagged-endpoint-dev");
    assert.ok(matches(pattern, modelArn("tagged-endpoint-dev--0123456789")));
    assert.ok(matches(pattern, modelArn("tagged-endpoint-dev--abcdefabcd")));
  });

  it("matches no fleet of any other valid endpoint name (exhaustive over short names)", () => {
    // Every endpoint name the settings accept over the alphabet {a, b, -} up to 6 characters: the proof in
    // docs/deployments.md in executable form, including names that share a prefix (dev vs dev-m).
    const valid = /^[a-zA-Z0-9](-?[a-zA-Z0-9])*$/;
    const all: string[] = [];
    const grow = (prefix: string) => {
      if (prefix.length > 0 && valid.test(prefix)) all.push(prefix);
      if (prefix.length < 6) for (const c of ["a", "b", "-"]) grow(prefix + c);
    };
    grow("");
    assert.ok(all.length > 200);
    const arns = all.flatMap((b) => ["0123456789", "b"].map((generation) => ({ b, arn: modelArn(`${b}--${generation}`) })));
    for (const a of all) {
      const pattern = glob(fleetArnPattern(env, "model", a));
      const leaked = arns.filter(({ b, arn }) => b !== a && pattern.test(arn));
      assert.deepStrictEqual(leaked, [], `${a}'s pattern`);
    }
  });
});
