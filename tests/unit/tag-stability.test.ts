// A tag change never redeploys: two runs that differ only in tag values declare the same resources with the
// same inputs except `tags`/`tagsAll` (an in-place tag update), the same names and the same container
// environment. Adding a tag KEY is tag-only too as long as exposedTagKeys is pinned, as the stack files do.
// The second run is an update of the first (one StackState), so a tag that leaked into the fleet
// generation's keepers would show up as a new generation and new Model and config names.
import * as assert from "assert";
import { StackState } from "../../local/physical-names";
import { ProgramRun } from "../../local/program-runner";
import { ConfigEdits, TYPES, modelEnvironment, onlyResource, runStack, stackConfig } from "../support/program";

/** Where two runs' non-tag inputs differ, as `<type> <name> <path>` lines. */
function differences(a: ProgramRun, b: ProgramRun): string[] {
  const found: string[] = [];
  const compare = (where: string, x: unknown, y: unknown) => {
    if (typeof x === "object" && x !== null && typeof y === "object" && y !== null) {
      for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
        compare(`${where}.${key}`, (x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]);
      }
    } else if (x !== y) {
      found.push(`${where}: ${JSON.stringify(x)} -> ${JSON.stringify(y)}`);
    }
  };
  const byId = (run: ProgramRun) => new Map(run.resources.map((resource) => [`${resource.type} ${resource.name}`, resource]));
  const left = byId(a);
  const right = byId(b);
  assert.deepStrictEqual([...left.keys()].sort(), [...right.keys()].sort(), "the same resources");
  for (const [id, resource] of left) {
    // An AWS resource's `tags` are its tags; docker-build's `tags` are image references and must not move.
    const tagKeys = resource.type.startsWith("aws:") ? ["tags", "tagsAll"] : [];
    const strip = (inputs: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(inputs).filter(([key]) => !tagKeys.includes(key)));
    compare(id, strip(resource.inputs), strip(right.get(id)!.inputs));
  }
  return found;
}

function userTags(stack: string): Record<string, string> {
  return JSON.parse(stackConfig(stack)["tagged-endpoint:tags"]) as Record<string, string>;
}

/** Every user tag with a new value. */
function retagged(stack: string): ConfigEdits {
  const tags = Object.fromEntries(Object.entries(userTags(stack)).map(([key, value]) => [key, `${value}-next`]));
  return { tags: { ...tags, ModelVersion: "2.0.0" } };
}

for (const stack of ["dev", "prod"]) {
  describe(`tag stability: ${stack} stack`, () => {
    let original: ProgramRun;
    let retaggedRun: ProgramRun;
    before(async () => {
      const state = new StackState(stack);
      original = await runStack(stack, {}, undefined, {}, state);
      retaggedRun = await runStack(stack, retagged(stack), undefined, {}, state);
    });

    it("changes the tags of every taggable resource (the test is not vacuous)", () => {
      const tagged = original.resources.filter((resource) => resource.inputs.tags !== undefined && resource.type.startsWith("aws:"));
      assert.ok(tagged.length >= 5);
      for (const resource of tagged) {
        const next = retaggedRun.resources.find((other) => other.type === resource.type && other.name === resource.name);
        assert.notDeepStrictEqual(next?.inputs.tags, resource.inputs.tags, resource.name);
        assert.strictEqual((next?.inputs.tags as Record<string, string>).ModelVersion, "2.0.0", resource.name);
      }
    });

    it("declares the same resources with the same inputs apart from tags (and the version alarms' ModelVersion dimension)", () => {
      // The alarms on the deploying version's own metrics follow the ModelVersion tag by design: a
      // dimension is updated in place (only an alarm's name replaces it, and names stay the same).
      const versionAlarms = stack === "prod" ? ["endpoint-version-errors", "endpoint-version-latency"] : [];
      assert.deepStrictEqual(
        differences(original, retaggedRun),
        versionAlarms.map((name) => `${TYPES.alarm} ${name}.dimensions.ModelVersion: "1.4.0" -> "2.0.0"`),
      );
    });

    it("keeps every name and the container environment", () => {
      assert.deepStrictEqual({ ...retaggedRun.outputs, tags: undefined }, { ...original.outputs, tags: undefined });
      assert.deepStrictEqual(modelEnvironment(retaggedRun), modelEnvironment(original));
    });
  });
}

describe("tag stability: adding a tag key", () => {
  const withOwner = (stack: string, edits: ConfigEdits = {}): ConfigEdits => ({ tags: { ...userTags(stack), Owner: "fraud-team" }, ...edits });

  it("is tag-only while exposedTagKeys is pinned (as in Pulumi.dev.yaml)", async () => {
    const state = new StackState("dev");
    const current = await runStack("dev", {}, undefined, {}, state);
    const next = await runStack("dev", withOwner("dev"), undefined, {}, state);
    assert.deepStrictEqual(differences(current, next), []);
    assert.strictEqual((onlyResource(next, TYPES.endpoint).inputs.tags as Record<string, string>).Owner, "fraud-team");
  });

  it("changes the container environment when exposedTagKeys is left at its default, so pin it", async () => {
    // Default ["*"] exposes every user tag key, so a new key lands in EXPOSED_TAG_KEYS: the Model's
    // container environment changes, which replaces the Model and rolls the endpoint (a blue/green
    // deployment in prod). Values alone never do this; see the tests above.
    const state = new StackState("dev");
    const current = await runStack("dev", { exposedTagKeys: undefined }, undefined, {}, state);
    const next = await runStack("dev", withOwner("dev", { exposedTagKeys: undefined }), undefined, {}, state);
    const changed = differences(current, next).map((line) => line.slice(0, line.indexOf(": "))).sort();
    assert.deepStrictEqual(changed, [
      `${TYPES.endpoint} endpoint.endpointConfigName`,
      `${TYPES.endpointConfig} endpoint-config.name`,
      `${TYPES.endpointConfig} endpoint-config.productionVariants.0.modelName`,
      `${TYPES.model} endpoint-model.name`,
      `${TYPES.model} endpoint-model.primaryContainer.environment.EXPOSED_TAG_KEYS`,
      `${TYPES.model} endpoint-model.primaryContainer.environment.SAGEMAKER_MODEL_NAME`,
      `${TYPES.fleet} endpoint-config-generation.keepers.productionVariants`,
      `${TYPES.fleet} endpoint-model-generation.keepers.environment`,
    ]);
    assert.strictEqual(modelEnvironment(next).EXPOSED_TAG_KEYS, "ModelVersion,DeploymentStage,CreatedBy,CostCenter,Owner");
  });
});
