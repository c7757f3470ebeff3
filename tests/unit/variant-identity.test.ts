// Fleet identity v2 on a two-variant stack (Pulumi.ab.yaml): each variant's Model has its own generation,
// whose keepers are that Model's inputs only, and the EndpointConfig has its own, whose keepers are the
// production variants (model names, weights, capacity). Each change is planned against the unchanged stack
// (one StackState: the second run is an update of the first) with the provider's ForceNew properties.
import * as assert from "assert";
import { StackState } from "../../local/physical-names";
import { ProgramRun } from "../../local/program-runner";
import { ConfigEdits, TYPES, resourcesOfType, runStack, stackConfig } from "../support/program";
import { Action, Step, planAgainst } from "../support/replacement-plan";

/** The ab stack file's variants, as the config holds them. */
function abVariants(): Record<string, unknown>[] {
  return JSON.parse(stackConfig("ab")["tagged-endpoint:variants"]) as Record<string, unknown>[];
}

/** The ab variants with `change` applied to variant `index`. */
function variantsWith(index: number, change: (variant: Record<string, unknown>) => Record<string, unknown>): ConfigEdits {
  return { variants: abVariants().map((variant, i) => (i === index ? change(variant) : variant)) };
}

interface Planned {
  before: ProgramRun;
  after: ProgramRun;
  steps: Step[];
}

async function plan(edits: ConfigEdits): Promise<Planned> {
  const state = new StackState("ab");
  const before = await runStack("ab", {}, undefined, {}, state);
  const planner = planAgainst(before);
  const after = await runStack("ab", edits, planner.wrap, before.outputs, state);
  return { before, after, steps: planner.finish() };
}

function actions(steps: Step[], type: string): Action[] {
  return steps.filter((step) => step.type === type).map((step) => step.action);
}

function modelNames(run: ProgramRun): string[] {
  return resourcesOfType(run, TYPES.model).map((model) => String(model.inputs.name));
}

function environments(run: ProgramRun): Record<string, string>[] {
  return resourcesOfType(run, TYPES.model).map((model) => (model.inputs.primaryContainer as { environment: Record<string, string> }).environment);
}

describe("fleet identity v2: what a two-variant change replaces", () => {
  it("a weight-only change replaces the EndpointConfig and no Model", async () => {
    const { before, after, steps } = await plan(variantsWith(1, (variant) => ({ ...variant, initialWeight: 50 })));
    assert.deepStrictEqual(actions(steps, TYPES.model), ["same", "same"], JSON.stringify(steps.filter((step) => step.type === TYPES.model)));
    assert.deepStrictEqual(actions(steps, TYPES.endpointConfig), ["replace"]);
    assert.deepStrictEqual(modelNames(after), modelNames(before));
    assert.notStrictEqual(after.outputs.endpointConfigName, before.outputs.endpointConfigName);
  });

  it("a tag-only change (stack and variant tags) replaces nothing", async () => {
    const tags = { ModelVersion: "1.4.1", DeploymentStage: "ab", CreatedBy: "someone-else", CostCenter: "ml-research" };
    const { before, after, steps } = await plan({ tags, ...variantsWith(1, (variant) => ({ ...variant, tags: { ModelVersion: "1.5.1" } })) });
    assert.deepStrictEqual(steps.filter((step) => step.action === "replace"), []);
    assert.deepStrictEqual(actions(steps, TYPES.model), ["update", "update"], "the test is not vacuous: the Models' tags change");
    assert.deepStrictEqual(modelNames(after), modelNames(before));
    assert.strictEqual(after.outputs.endpointConfigName, before.outputs.endpointConfigName);
  });

  it("an initialInstanceCount change replaces the EndpointConfig and no Model", async () => {
    const { steps } = await plan(
      variantsWith(0, (variant) => ({ ...variant, instance: { ...(variant.instance as object), initialInstanceCount: 3 } })),
    );
    assert.deepStrictEqual(actions(steps, TYPES.model), ["same", "same"]);
    assert.deepStrictEqual(actions(steps, TYPES.endpointConfig), ["replace"]);
  });

  for (const [title, edits] of [
    ["an image change", { imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/model:8" }],
    ["a container-environment change", { tagCacheTtlSeconds: "60" }],
  ] as const) {
    it(`${title} replaces every Model (new names) and the EndpointConfig`, async () => {
      const { before, after, steps } = await plan(edits);
      assert.deepStrictEqual(actions(steps, TYPES.model), ["replace", "replace"]);
      assert.deepStrictEqual(actions(steps, TYPES.endpointConfig), ["replace"]);
      const [old, next] = [modelNames(before), modelNames(after)];
      assert.ok(next.every((name) => !old.includes(name)), `${old.join(" ")} -> ${next.join(" ")}`);
    });
  }
});

describe("fleet identity v2: names and environment of a two-variant stack", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runStack("ab");
  });

  it("names each Model <endpoint>--<its own generation> and the EndpointConfig <endpoint>--<another>", () => {
    const names = [...modelNames(run), String(run.outputs.endpointConfigName)];
    for (const name of names) assert.match(name, /^tagged-endpoint-ab--[0-9a-f]{10}$/);
    assert.strictEqual(new Set(names).size, 3, names.join(" "));
    const generations = resourcesOfType(run, TYPES.fleet).map((generation) => `tagged-endpoint-ab--${String(generation.state.hex)}`);
    assert.deepStrictEqual([...generations].sort(), [...names].sort());
  });

  it("gives each container its Model and variant name and no EndpointConfig name", () => {
    assert.deepStrictEqual(
      environments(run).map((env) => [env.SAGEMAKER_MODEL_NAME, env.SAGEMAKER_VARIANT_NAME]),
      [
        [modelNames(run)[0], "Current"],
        [modelNames(run)[1], "Candidate"],
      ],
    );
    for (const env of environments(run)) {
      assert.deepStrictEqual(Object.keys(env).filter((key) => key.includes("CONFIG")), []);
      assert.ok(!Object.values(env).includes(String(run.outputs.endpointConfigName)));
    }
  });
});
