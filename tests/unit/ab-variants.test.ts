// A/B tests (docs/ab-tests.md): config `variants` (the matrix of valid and invalid lists) and the resources
// of the two-variant example stack Pulumi.ab.yaml on the fake-AWS mocks.
import * as assert from "assert";
import { fleetArnPattern } from "../../components/arns";
import { ConfigError, parseSettings } from "../../components/settings";
import { StackState } from "../../local/physical-names";
import { ProgramRun } from "../../local/program-runner";
import { ACCOUNT_ID } from "../support/fake-aws";
import { ConfigEdits, PROJECT, TYPES, generationHex, resourcesOfType, runStack, runStackFile, stackValues } from "../support/program";
import { planAgainst } from "../support/replacement-plan";

const INSTANCE = { instanceType: "ml.m5.large", initialInstanceCount: 1 };
const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** The settings of the dev stack with `variant` replaced by `variants`. */
function withVariants(variants: unknown, edits: ConfigEdits = {}) {
  return parseSettings({ project: PROJECT, stack: "dev", values: stackValues("dev", { variant: undefined, variants, ...edits }) });
}

function fails(variants: unknown, message: string, edits: ConfigEdits = {}): void {
  assert.throws(
    () => withVariants(variants, edits),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, String(err));
      assert.strictEqual(err.message, message);
      return true;
    },
  );
}

describe("A/B variants: config", () => {
  it("reads the shorthand `variant` as the one variant AllTraffic with weight 1 and no own tags", () => {
    const settings = parseSettings({ project: PROJECT, stack: "prod", values: stackValues("prod") });
    assert.deepStrictEqual(
      settings.variants.map(({ name, initialWeight, tags }) => ({ name, initialWeight, tags })),
      [{ name: "AllTraffic", initialWeight: 1, tags: {} }],
    );
  });

  it("reads a list: names, weights (default 1), own tags, instance capacity with or without autoscaling", () => {
    const settings = withVariants([
      { name: "A", initialWeight: 0.9, instance: INSTANCE },
      { name: "b-2", tags: { ModelVersion: "1.5.0" }, instance: { ...INSTANCE, autoscaling: { minCapacity: 1, maxCapacity: 3, targetInvocationsPerInstance: 50 } } },
    ]);
    assert.deepStrictEqual(
      settings.variants.map(({ name, initialWeight, tags, capacity }) => ({ name, initialWeight, tags, scaled: capacity.kind === "instance" && !!capacity.autoscaling })),
      [
        { name: "A", initialWeight: 0.9, tags: {}, scaled: false },
        { name: "b-2", initialWeight: 1, tags: { ModelVersion: "1.5.0" }, scaled: true },
      ],
    );
  });

  it("accepts a single serverless variant in the list, and a zero weight next to a positive one", () => {
    assert.strictEqual(withVariants([{ name: "Only", serverless: { memorySizeInMb: 1024, maxConcurrency: 1 } }]).variants[0].capacity.kind, "serverless");
    assert.deepStrictEqual(withVariants([{ name: "A", initialWeight: 0, instance: INSTANCE }, { name: "B", initialWeight: 1, instance: INSTANCE }]).variants.map((v) => v.initialWeight), [0, 1]);
  });

  const invalid: { title: string; variants: unknown; edits?: ConfigEdits; message: string }[] = [
    { title: "both variant and variants", variants: [{ name: "A", instance: INSTANCE }], edits: { variant: { instance: INSTANCE } }, message: "tagged-endpoint:variants: and tagged-endpoint:variant are both set; set variants for several variants or variant for one" },
    { title: "not a list", variants: { name: "A" }, message: 'tagged-endpoint:variants: must be a list of 1 to 10 variants, got {"name":"A"}' },
    { title: "an empty list", variants: [], message: "tagged-endpoint:variants: must be a list of 1 to 10 variants, got []" },
    { title: "eleven variants", variants: Array.from({ length: 11 }, (_, i) => ({ name: `V${i}`, instance: INSTANCE })), message: `tagged-endpoint:variants: must be a list of 1 to 10 variants, got ${JSON.stringify(Array.from({ length: 11 }, (_, i) => ({ name: `V${i}`, instance: INSTANCE }))).slice(0, 57)}...` },
    { title: "a name missing", variants: [{ instance: INSTANCE }], message: "tagged-endpoint:variants[0].name: must be a string, got nothing" },
    { title: "an invalid name", variants: [{ name: "A", instance: INSTANCE }, { name: "-b", instance: INSTANCE }], message: 'tagged-endpoint:variants[1].name: must be 1 to 63 letters, digits and inner hyphens, got "-b"' },
    { title: "a name of 64 characters", variants: [{ name: "a".repeat(64), instance: INSTANCE }], message: `tagged-endpoint:variants[0].name: must be 1 to 63 letters, digits and inner hyphens, got "${"a".repeat(56)}...` },
    { title: "a duplicate name (ignoring case)", variants: [{ name: "Blue", instance: INSTANCE }, { name: "blue", instance: INSTANCE }], message: 'tagged-endpoint:variants[1].name: "blue" is already the name of variants[0]' },
    { title: "a negative weight", variants: [{ name: "A", initialWeight: -1, instance: INSTANCE }], message: "tagged-endpoint:variants[0].initialWeight: must be a number >= 0, got -1" },
    { title: "a weight as text", variants: [{ name: "A", initialWeight: "90", instance: INSTANCE }], message: 'tagged-endpoint:variants[0].initialWeight: must be a number >= 0, got "90"' },
    { title: "all weights zero", variants: [{ name: "A", initialWeight: 0, instance: INSTANCE }, { name: "B", initialWeight: 0, instance: INSTANCE }], message: "tagged-endpoint:variants: has only zero initialWeight values; at least one variant must get traffic" },
    { title: "no capacity", variants: [{ name: "A" }], message: "tagged-endpoint:variants[0]: must set exactly one of serverless or instance" },
    { title: "an unknown field", variants: [{ name: "A", weight: 1, instance: INSTANCE }], message: "tagged-endpoint:variants[0].weight: unknown field; allowed fields are name, initialWeight, tags, imageUri, modelDataUrl, model, environment, serverless, instance" },
    { title: "serverless with several variants", variants: [{ name: "A", instance: INSTANCE }, { name: "B", serverless: { memorySizeInMb: 1024, maxConcurrency: 1 } }], message: "tagged-endpoint:variants[1].serverless: is not allowed with several variants: SageMaker serverless endpoints have one production variant" },
    { title: "a bad capacity field", variants: [{ name: "A", instance: { ...INSTANCE, instanceType: "m5" } }], message: 'tagged-endpoint:variants[0].instance.instanceType: must be a SageMaker instance type such as ml.m5.large, got "m5"' },
    { title: "a bad own tag", variants: [{ name: "A", tags: { "aws:x": "1" }, instance: INSTANCE }], message: 'tagged-endpoint:variants[0].tags["aws:x"]: tag keys starting with "aws:" are reserved for AWS' },
    { title: "too many tags with the stack's", variants: [{ name: "A", tags: Object.fromEntries(Array.from({ length: 44 }, (_, i) => [`K${i}`, "v"])), instance: INSTANCE }], message: "tagged-endpoint:variants[0].tags: gives the variant's Model 51 tags with the stack's, more than the 50 AWS allows on a resource" },
    { title: "auto-rollback with more variants than SageMaker's 10 rollback alarms cover", variants: ["A", "B", "C", "D", "E", "F"].map((name) => ({ name, instance: INSTANCE })), edits: { deployment: { trafficRouting: "ALL_AT_ONCE" } }, message: "tagged-endpoint:deployment.autoRollback: makes 12 rollback alarms for 6 variants (2 each), more than the 10 SageMaker's AutoRollbackConfig takes: use at most 5 variants with auto-rollback, or set it false" },
    { title: "neither variant nor variants", variants: undefined, message: "tagged-endpoint:variant: is required; set variant.serverless or variant.instance, or a list of variants" },
  ];
  for (const { title, variants, edits, message } of invalid) {
    it(`rejects ${title}`, () => fails(variants, message, edits));
  }
});

function models(run: ProgramRun) {
  return resourcesOfType(run, TYPES.model).map((model) => ({
    name: String(model.inputs.name),
    environment: (model.inputs.primaryContainer as { environment: Record<string, string> }).environment,
    tags: model.inputs.tags as Record<string, string>,
  }));
}

describe("A/B variants: resources of Pulumi.ab.yaml", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runStackFile("ab");
  });

  it("has one Model per variant, named <endpoint>--<its own generation>, each knowing its own variant and model name", () => {
    const generations = ["endpoint-model-Current-generation", "endpoint-model-Candidate-generation"].map((name) => generationHex(run, name));
    const found = models(run);
    assert.deepStrictEqual(found.map((model) => model.name), generations.map((generation) => `tagged-endpoint-ab--${generation}`));
    for (const model of found) assert.match(model.name, SAGEMAKER_NAME);
    assert.deepStrictEqual(
      found.map((model) => [model.environment.SAGEMAKER_VARIANT_NAME, model.environment.SAGEMAKER_MODEL_NAME]),
      [
        ["Current", found[0].name],
        ["Candidate", found[1].name],
      ],
    );
  });

  it("tags each Model with the stack's tags and its variant's own over them (its own ModelVersion)", () => {
    const found = models(run);
    assert.deepStrictEqual(found.map((model) => model.tags.ModelVersion), ["1.4.0", "1.5.0"]);
    assert.strictEqual(found[1].tags.DeploymentStage, "ab");
    assert.strictEqual(found[1].tags["pulumi:stack"], "ab");
  });

  it("leaves a key a variant sets for itself off the Endpoint and EndpointConfig (their tags would win in the container)", () => {
    for (const type of [TYPES.endpoint, TYPES.endpointConfig]) {
      const tags = resourcesOfType(run, type)[0].inputs.tags as Record<string, string>;
      assert.strictEqual(tags.ModelVersion, undefined, type);
      assert.strictEqual(tags.DeploymentStage, "ab", type);
    }
  });

  it("has one EndpointConfig with both variants, their models and 90/10 weights", () => {
    const [config] = resourcesOfType(run, TYPES.endpointConfig);
    const found = models(run);
    assert.deepStrictEqual(config.inputs.productionVariants, [
      { variantName: "Current", modelName: found[0].name, instanceType: "ml.m5.large", initialInstanceCount: 1, initialVariantWeight: 90 },
      { variantName: "Candidate", modelName: found[1].name, instanceType: "ml.m5.large", initialInstanceCount: 1, initialVariantWeight: 10 },
    ]);
  });

  it("scales only the autoscaled variant, by its own resource id", () => {
    const targets = resourcesOfType(run, TYPES.scalingTarget);
    assert.deepStrictEqual(targets.map((target) => [target.name, target.inputs.resourceId]), [["endpoint-scaling-target-Candidate", "endpoint/tagged-endpoint-ab/variant/Candidate"]]);
    assert.strictEqual(resourcesOfType(run, TYPES.scalingPolicy).length, 1);
  });

  it("lets the role read every variant's Model through the tag-read policy's <endpoint>--* pattern", () => {
    const policy = resourcesOfType(run, TYPES.rolePolicy).find((resource) => resource.name === "endpoint-tag-read");
    const document = JSON.stringify(policy?.inputs.policy);
    const pattern = fleetArnPattern({ partition: "aws", region: "us-east-1", accountId: ACCOUNT_ID }, "model", "tagged-endpoint-ab");
    assert.ok(document.includes(pattern), document);
    const glob = new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace("*", ".*")}$`);
    for (const model of models(run)) {
      assert.match(`arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:model/${model.name.toLowerCase()}`, glob);
    }
  });
});

describe("A/B variants: updates", () => {
  it("a tag-only change of one variant updates its Model in place (no new fleet, no replacement)", async () => {
    const state = new StackState("ab");
    const previous = await runStack("ab", {}, undefined, {}, state);
    const planner = planAgainst(previous);
    const variants = JSON.parse(stackValues("ab").variants) as { tags?: Record<string, string> }[];
    variants[1].tags = { ModelVersion: "1.5.1" };
    await runStack("ab", { variants }, planner.wrap, previous.outputs, state);
    const steps = planner.finish();
    const actions = steps.filter((step) => step.type === TYPES.model || step.type === TYPES.endpointConfig).map((step) => `${step.name}: ${step.action}`);
    assert.deepStrictEqual(actions.sort(), ["endpoint-config: same", "endpoint-model-Candidate: update", "endpoint-model-Current: same"]);
  });
});
