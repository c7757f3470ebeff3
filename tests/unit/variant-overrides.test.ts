// Per-variant model overrides (docs/ab-tests.md): a variant's own imageUri, modelDataUrl, model.path and
// environment over the stack's; the config rules and their one-line errors, and what the program declares
// for them on the fake-AWS mocks (each Model's inputs, one object per distinct archive, the role's scope).
import * as assert from "assert";
import { cpSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { modelDataObjectArn } from "../../components/arns";
import { ConfigError, parseSettings } from "../../components/settings";
import type { PolicyDocument } from "../../components/policy-documents";
import { StackState } from "../../local/physical-names";
import { ProgramRun } from "../../local/program-runner";
import { ConfigEdits, PROJECT, TYPES, resourcesOfType, runStack, runStackFile, stackValues } from "../support/program";
import { planAgainst } from "../support/replacement-plan";

const INSTANCE = { instanceType: "ml.m5.large", initialInstanceCount: 1 };
const PREBUILT = "210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/model:7";
const PREBUILT_REPOSITORY = "arn:aws:ecr:eu-west-1:210987654321:repository/team/model";
const OTHER_PREBUILT = "123456789012.dkr.ecr.us-east-1.amazonaws.com/candidates/model@sha256:" + "a".repeat(64);
const OTHER_PREBUILT_REPOSITORY = "arn:aws:ecr:us-east-1:123456789012:repository/candidates/model";
const ARCHIVE_URL = "s3://ml-models/fraud/v2/model.tar.gz";

/** The ab stack file's two variants with `candidate`'s fields over the Candidate's. */
function abVariants(candidate: Record<string, unknown>, current: Record<string, unknown> = {}): unknown[] {
  const [first, second] = JSON.parse(stackValues("ab").variants) as Record<string, unknown>[];
  return [{ ...first, ...current }, { ...second, ...candidate }];
}

/** `count` variables V0, V1, ... with the value "v". */
function manyVariables(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`V${i}`, "v"]));
}

function settingsOf(variants: unknown, edits: ConfigEdits = {}) {
  return parseSettings({ project: PROJECT, stack: "ab", values: stackValues("ab", { variants, ...edits }) });
}

describe("variant overrides: config", () => {
  it("gives a variant without overrides the stack's image and model, and no extra environment", () => {
    const settings = settingsOf([{ name: "A", instance: INSTANCE }], { imageUri: PREBUILT });
    const [variant] = settings.variants;
    assert.deepStrictEqual(
      { image: variant.prebuiltImage?.uri, data: variant.modelData, directory: variant.modelDirectory, environment: variant.environment },
      { image: PREBUILT, data: undefined, directory: "container/model-onnx", environment: {} },
    );
  });

  it("reads a variant's own imageUri, modelDataUrl (replacing the stack's model.path) and environment", () => {
    const settings = settingsOf(abVariants({ imageUri: PREBUILT, modelDataUrl: ARCHIVE_URL, model: undefined, environment: { LOG_LEVEL: "debug", FEATURE_FLAGS: "" } }));
    const [current, candidate] = settings.variants;
    assert.strictEqual(current.prebuiltImage, undefined);
    assert.strictEqual(current.modelDirectory, "container/model-onnx");
    assert.deepStrictEqual(candidate.prebuiltImage, { uri: PREBUILT, accountId: "210987654321", region: "eu-west-1", repositoryName: "team/model" });
    assert.deepStrictEqual(candidate.modelData, { url: ARCHIVE_URL, bucket: "ml-models", key: "fraud/v2/model.tar.gz" });
    assert.strictEqual(candidate.modelDirectory, undefined);
    assert.deepStrictEqual(candidate.environment, { LOG_LEVEL: "debug", FEATURE_FLAGS: "" });
  });

  it("lets a variant's model.path replace the stack's modelDataUrl", () => {
    const settings = settingsOf(abVariants({ model: { path: "container/model" } }), { model: {}, modelDataUrl: ARCHIVE_URL });
    assert.deepStrictEqual(settings.variants.map((variant) => [variant.modelData?.url, variant.modelDirectory]), [
      [ARCHIVE_URL, undefined],
      [undefined, "container/model"],
    ]);
  });

  it("needs no ECR repository name when every variant has its own image", () => {
    const own = [{ name: "A", imageUri: PREBUILT, instance: INSTANCE }, { name: "B", imageUri: OTHER_PREBUILT, instance: INSTANCE }];
    assert.strictEqual(settingsOf(own, { endpointName: "x" }).endpointName, "x");
    assert.throws(() => settingsOf([own[0], { name: "B", instance: INSTANCE }], { endpointName: "x" }), {
      message: "tagged-endpoint:endpointName: must be at least 2 characters when the program builds the image (it names the ECR repository)",
    });
  });

  it("accepts 92 own variables: with the program's 8, the 100 SageMaker allows", () => {
    assert.strictEqual(Object.keys(settingsOf(abVariants({ environment: manyVariables(92) })).variants[1].environment).length, 92);
  });

  const long = "v".repeat(1025);
  const longName = "N".repeat(1025);
  const invalid: { title: string; candidate: Record<string, unknown>; message: string }[] = [
    { title: "an imageUri that is not private ECR", candidate: { imageUri: "nginx:latest" }, message: 'tagged-endpoint:variants[1].imageUri: must be a private ECR image, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>, got "nginx:latest"' },
    { title: "an imageUri that is not a string", candidate: { imageUri: 7 }, message: "tagged-endpoint:variants[1].imageUri: must be a string, got 7" },
    { title: "a modelDataUrl that is not an S3 archive", candidate: { modelDataUrl: "https://example.com/model.tar.gz" }, message: 'tagged-endpoint:variants[1].modelDataUrl: must be an S3 URL of a model archive, s3://<bucket>/<key>.tar.gz, got "https://example.com/model.tar.gz"' },
    { title: "both model.path and modelDataUrl", candidate: { model: { path: "container/model" }, modelDataUrl: ARCHIVE_URL }, message: "tagged-endpoint:variants[1].model.path: and modelDataUrl are both set; the Model takes one archive: unset one of them" },
    { title: "an unknown field of model", candidate: { model: { dir: "container/model" } }, message: "tagged-endpoint:variants[1].model.dir: unknown field; allowed fields are path" },
    { title: "an empty model.path", candidate: { model: { path: " " } }, message: "tagged-endpoint:variants[1].model.path: must be a directory path, got an empty string" },
    { title: "an environment that is not a map", candidate: { environment: ["LOG_LEVEL=debug"] }, message: 'tagged-endpoint:variants[1].environment: must be a map of variable names to string values, got ["LOG_LEVEL=debug"]' },
    { title: "a variable name SageMaker refuses", candidate: { environment: { "1X": "a" } }, message: 'tagged-endpoint:variants[1].environment["1X"]: is not a valid variable name; SageMaker allows letters, digits and _ not starting with a digit' },
    { title: "a variable name with a hyphen", candidate: { environment: { "LOG-LEVEL": "a" } }, message: 'tagged-endpoint:variants[1].environment["LOG-LEVEL"]: is not a valid variable name; SageMaker allows letters, digits and _ not starting with a digit' },
    { title: "AWS_REGION (the program's)", candidate: { environment: { AWS_REGION: "eu-west-1" } }, message: "tagged-endpoint:variants[1].environment.AWS_REGION: is reserved: AWS_* variables are set by the program, SageMaker or local mode" },
    { title: "an AWS credential variable", candidate: { environment: { AWS_ACCESS_KEY_ID: "AKIA" } }, message: "tagged-endpoint:variants[1].environment.AWS_ACCESS_KEY_ID: is reserved: AWS_* variables are set by the program, SageMaker or local mode" },
    { title: "SAGEMAKER_VARIANT_NAME", candidate: { environment: { SAGEMAKER_VARIANT_NAME: "Current" } }, message: "tagged-endpoint:variants[1].environment.SAGEMAKER_VARIANT_NAME: is reserved: SAGEMAKER_* variables are set by the program, SageMaker or local mode" },
    { title: "SM_MODEL_DIR (the model directory)", candidate: { environment: { SM_MODEL_DIR: "/tmp" } }, message: "tagged-endpoint:variants[1].environment.SM_MODEL_DIR: is reserved: SM_* variables are set by the program, SageMaker or local mode" },
    ...["TAG_CACHE_TTL_SECONDS", "EXPOSED_TAG_KEYS", "TAGS_REQUIRED", "METRICS_NAMESPACE"].map((name) => ({
      title: name,
      candidate: { environment: { [name]: "x" } },
      message: `tagged-endpoint:variants[1].environment.${name}: is set by the program from the stack config`,
    })),
    { title: "a number value", candidate: { environment: { WORKERS: 2 } }, message: "tagged-endpoint:variants[1].environment.WORKERS: must be a string (quote numbers and booleans), got 2" },
    { title: "a value over 1024 bytes", candidate: { environment: { NOTE: long } }, message: "tagged-endpoint:variants[1].environment.NOTE: the Model environment variable NOTE would be 1025 bytes; SageMaker allows at most 1024" },
    { title: "a name over 1024 bytes", candidate: { environment: { [longName]: "v" } }, message: `tagged-endpoint:variants[1].environment.${longName}: the Model environment variable name ${longName} is 1025 bytes; SageMaker allows at most 1024` },
    {
      title: "more variables than SageMaker allows with the program's",
      candidate: { environment: manyVariables(93) },
      message: "tagged-endpoint:variants[1].environment: the Model environment would have 101 variables; SageMaker allows at most 100",
    },
    {
      title: "more than 32 KB of keys and values with the program's",
      candidate: { environment: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`V${i}`, "v".repeat(1000)])) },
      message: "tagged-endpoint:variants[1].environment.V10: the Model environment's keys and values would be 33348 bytes in all; SageMaker allows at most 32768",
    },
  ];
  for (const { title, candidate, message } of invalid) {
    it(`rejects ${title}`, () => {
      assert.throws(
        () => settingsOf(abVariants(candidate)),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError, String(err));
          assert.strictEqual(err.message, message);
          assert.ok(!err.message.includes("\n"), "one line");
          return true;
        },
      );
    });
  }
});

interface ModelInputs {
  image: string;
  modelDataUrl?: string;
  environment: Record<string, string>;
}

/** Each variant's Model inputs in config order (the order the EndpointConfig lists them; Models register as their inputs resolve). */
function modelInputs(run: ProgramRun): ModelInputs[] {
  const [config] = resourcesOfType(run, TYPES.endpointConfig);
  const order = (config.inputs.productionVariants as { modelName: string }[]).map((variant) => variant.modelName);
  return resourcesOfType(run, TYPES.model)
    .sort((a, b) => order.indexOf(String(a.inputs.name)) - order.indexOf(String(b.inputs.name)))
    .map((model) => model.inputs.primaryContainer as ModelInputs);
}

function policy(run: ProgramRun, name: string): PolicyDocument | undefined {
  const found = resourcesOfType(run, TYPES.rolePolicy).find((resource) => resource.name === name);
  return found && (JSON.parse(String(found.inputs.policy)) as PolicyDocument);
}

function objectUrls(run: ProgramRun): string[] {
  return resourcesOfType(run, TYPES.bucketObject).map((object) => `s3://${String(object.inputs.bucket)}/${String(object.inputs.key)}`);
}

function objectArn(url: string): string {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(url) ?? [];
  return modelDataObjectArn("aws", { url, bucket, key });
}

describe("variant overrides: resources of Pulumi.ab.yaml", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runStackFile("ab");
  });

  it("gives each variant's Model its own archive: the stack's model.path for Current, its own for Candidate, one object each", () => {
    const [current, candidate] = modelInputs(run).map((inputs) => inputs.modelDataUrl);
    assert.notStrictEqual(current, candidate);
    assert.deepStrictEqual(objectUrls(run).sort(), [current, candidate].sort());
    assert.strictEqual(resourcesOfType(run, TYPES.bucket).length, 1, "one bucket for both archives");
  });

  it("gives Candidate's Model its own environment variable and leaves Current's without it", () => {
    const [current, candidate] = modelInputs(run);
    assert.strictEqual(candidate.environment.LOG_LEVEL, "debug");
    assert.strictEqual(current.environment.LOG_LEVEL, undefined);
    assert.strictEqual(candidate.environment.SAGEMAKER_VARIANT_NAME, "Candidate", "the program's variables are all still there");
  });

  it("names each object by its content, and the stack model.path's object answers to the former single object's name", () => {
    const [current] = modelInputs(run).map((inputs) => inputs.modelDataUrl);
    const objects = resourcesOfType(run, TYPES.bucketObject);
    for (const object of objects) assert.strictEqual(object.name, `model-archive-object-${String(object.inputs.key).split("/")[1].slice(0, 16)}`);
    // An existing one-archive stack's object (logical name model-archive-object) stays the same resource:
    // without the alias Pulumi would create the renamed one and then delete the old, and with it the key.
    assert.deepStrictEqual(
      objects.map((object) => [`s3://${String(object.inputs.bucket)}/${String(object.inputs.key)}` === current, object.options.aliasNames]).sort(),
      [
        [false, []],
        [true, ["model-archive-object"]],
      ],
    );
  });

  it("lets the role read exactly the two archive objects", () => {
    assert.deepStrictEqual(policy(run, "execution-role-model-data")?.Statement, [
      { Sid: "ReadModelArchive", Effect: "Allow", Action: ["s3:GetObject"], Resource: modelInputs(run).map((inputs) => objectArn(inputs.modelDataUrl ?? "")) },
    ]);
  });
});

describe("variant overrides: configured variations", () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("packs two variants' same model.path once: one object, both Models on it, the role reading it once", async () => {
    const run = await runStack("ab", { variants: abVariants({ model: { path: "container/model" } }, { model: { path: "container/model" } }) });
    const urls = objectUrls(run);
    assert.strictEqual(urls.length, 1, "the stack's own model.path is packed only when a variant runs it");
    assert.deepStrictEqual(modelInputs(run).map((inputs) => inputs.modelDataUrl), [urls[0], urls[0]]);
    assert.deepStrictEqual(policy(run, "execution-role-model-data")?.Statement[0].Resource, [objectArn(urls[0])]);
  });

  it("names the variant's key when its model.path cannot be archived, in one line", async () => {
    await assert.rejects(runStack("ab", { variants: abVariants({ model: { path: "no/such/model-dir" } }) }), (err: Error) => {
      assert.match(err.message, /^cannot archive the model directory \(config variants\[1\]\.model\.path\): .*no\/such\/model-dir/);
      assert.ok(!err.message.includes("\n"), err.message);
      return true;
    });
  });

  it("shares one object between two directories with the same files", async () => {
    const copy = mkdtempSync(join(tmpdir(), "same-model-"));
    dirs.push(copy);
    cpSync(join(__dirname, "..", "..", "container", "model-onnx"), copy, { recursive: true });
    const run = await runStack("ab", { variants: abVariants({ model: { path: copy } }) });
    const urls = objectUrls(run);
    assert.strictEqual(urls.length, 1);
    assert.deepStrictEqual(modelInputs(run).map((inputs) => inputs.modelDataUrl), [urls[0], urls[0]]);
  });

  it("runs a variant's own modelDataUrl next to the stack's archive, and the role reads both objects only", async () => {
    const run = await runStack("ab", { variants: abVariants({ modelDataUrl: ARCHIVE_URL, model: undefined }) });
    const [stackUrl] = objectUrls(run);
    assert.deepStrictEqual(modelInputs(run).map((inputs) => inputs.modelDataUrl), [stackUrl, ARCHIVE_URL]);
    assert.deepStrictEqual(policy(run, "execution-role-model-data")?.Statement[0].Resource, [objectArn(stackUrl), objectArn(ARCHIVE_URL)]);
  });

  it("runs a variant's own imageUri, and the role pulls from the built repository and that one only", async () => {
    const run = await runStack("ab", { variants: abVariants({ imageUri: PREBUILT }) });
    const [repository] = resourcesOfType(run, TYPES.repository);
    const [current, candidate] = modelInputs(run);
    assert.match(current.image, /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/tagged-endpoint-ab@sha256:/);
    assert.strictEqual(candidate.image, PREBUILT);
    assert.deepStrictEqual(policy(run, "execution-role-ecr-pull")?.Statement[0].Resource, [repository.state.arn, PREBUILT_REPOSITORY]);
  });

  it("builds no image when every variant has its own, and pulls from each distinct repository once", async () => {
    const run = await runStack("ab", {
      variants: [
        { name: "A", imageUri: PREBUILT, instance: INSTANCE },
        { name: "B", imageUri: OTHER_PREBUILT, instance: INSTANCE },
        { name: "C", imageUri: PREBUILT.replace(":7", ":8"), instance: INSTANCE },
      ],
    });
    assert.deepStrictEqual(resourcesOfType(run, TYPES.repository), []);
    assert.deepStrictEqual(resourcesOfType(run, TYPES.image), []);
    assert.deepStrictEqual(modelInputs(run).map((inputs) => inputs.image), [PREBUILT, OTHER_PREBUILT, PREBUILT.replace(":7", ":8")]);
    assert.deepStrictEqual(policy(run, "execution-role-ecr-pull")?.Statement[0].Resource, [PREBUILT_REPOSITORY, OTHER_PREBUILT_REPOSITORY]);
    assert.strictEqual(run.outputs.imageUri, PREBUILT, "the imageUri output is the first variant's");
  });

  it("a change of one variant's environment replaces that variant's Model and the config only, as any Model input does", async () => {
    const state = new StackState("ab");
    const previous = await runStack("ab", {}, undefined, {}, state);
    const planner = planAgainst(previous);
    await runStack("ab", { variants: abVariants({ environment: { LOG_LEVEL: "info" } }) }, planner.wrap, previous.outputs, state);
    const actions = planner
      .finish()
      .filter((step) => step.type === TYPES.model || step.type === TYPES.fleet)
      .map((step) => `${step.name}: ${step.action}`);
    assert.deepStrictEqual(actions.sort(), [
      "endpoint-config-generation: replace",
      "endpoint-model-Candidate-generation: replace",
      "endpoint-model-Candidate: replace",
      "endpoint-model-Current-generation: same",
      "endpoint-model-Current: same",
    ]);
  });
});
