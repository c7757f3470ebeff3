/**
 * The deployed system, checked through its stack outputs with the AWS SDK: tags on every layer, the
 * endpoint's status, and an invocation that returns the tags the container read. Runs against real
 * AWS (INTEGRATION_STACK or INTEGRATION_OUTPUTS_FILE plus credentials), a running local mode (an
 * outputs file local mode wrote), or, by default, a local mode this suite starts as a child process.
 */
import { DescribeEndpointCommand, DescribeModelCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import * as assert from "node:assert/strict";
import { EMULATOR_CREDENTIALS } from "../../base/emulator-credentials";
import { readLiveTags } from "../../ops/live-tags";
import { sageMakerClient } from "../../base/sagemaker-client";
import { compareTags } from "../../ops/tag-drift";
import { isLocalOutputsFile, realProbes, resolveTarget, type ResolvedTarget } from "./resolve-target";
import { chooseTarget } from "./target";

describe("integration: the stack's live resources", function () {
  let target: ResolvedTarget | undefined;
  let control: SageMakerClient;
  let runtime: SageMakerRuntimeClient;

  before(async function () {
    this.timeout(60_000);
    const choice = await chooseTarget(process.env, realProbes, isLocalOutputsFile);
    if (choice.kind === "skip") {
      console.log(`    integration target: none, skipped because ${choice.reason}`);
      this.skip();
    }
    target = await resolveTarget(choice);
    console.log(`    integration target: ${target.label}`);
    const { region } = target.outputs;
    control = sageMakerClient({ region, endpointUrl: target.endpointUrl });
    runtime = target.endpointUrl
      ? new SageMakerRuntimeClient({ region, endpoint: target.endpointUrl, credentials: EMULATOR_CREDENTIALS })
      : new SageMakerRuntimeClient({ region });
  });

  after(async function () {
    this.timeout(30_000);
    control?.destroy();
    runtime?.destroy();
    await target?.stop();
  });

  it("has exactly the stack's tags on the endpoint, the endpoint config and the model (ListTags)", async () => {
    const { outputs } = target as ResolvedTarget;
    const expected = outputs.tags;
    assert.ok(Object.keys(expected).length > 0, "the stack exports its tags");
    const live = await readLiveTags(control, outputs);
    assert.deepEqual(compareTags({ endpoint: expected, endpointConfig: expected, model: expected }, live), []);
  });

  it("has the endpoint InService on the config the outputs name", async () => {
    const { outputs } = target as ResolvedTarget;
    const endpoint = await control.send(new DescribeEndpointCommand({ EndpointName: outputs.endpointName }));
    assert.equal(endpoint.EndpointStatus, "InService");
    assert.equal(endpoint.EndpointArn, outputs.endpointArn);
    assert.equal(endpoint.EndpointConfigName, outputs.endpointConfigName);
  });

  it("answers InvokeEndpoint with the tags the container read and echoes the custom attributes", async () => {
    const { outputs } = target as ResolvedTarget;
    const model = await control.send(new DescribeModelCommand({ ModelName: outputs.modelName }));
    const exposedKeys = (model.PrimaryContainer?.Environment?.EXPOSED_TAG_KEYS ?? "").split(",").filter(Boolean);
    assert.ok(exposedKeys.length > 0, "the model exposes some tag keys to callers");
    const attributes = `trace=integration-${Date.now()};suite=integration`;
    const response = await runtime.send(
      new InvokeEndpointCommand({
        EndpointName: outputs.endpointName,
        ContentType: "application/json",
        Accept: "application/json",
        CustomAttributes: attributes,
        Body: new TextEncoder().encode('{"instances": [[120, 3, 10, 5], [60, 1, 40, 15]]}'),
      }),
    );
    assert.equal(response.CustomAttributes, attributes);
    const body = JSON.parse(response.Body.transformToString()) as {
      predictions: unknown[];
      deployment: { endpointName: string; tags: Record<string, string>; tagsStatus: string };
      customAttributes: { raw: string; attributes: Record<string, string> };
    };
    assert.equal(body.predictions.length, 2);
    assert.ok(body.predictions.every((p) => typeof p === "number"));
    assert.equal(body.deployment.endpointName, outputs.endpointName);
    assert.equal(body.deployment.tagsStatus, "fresh");
    const expectedTags = Object.fromEntries(exposedKeys.map((key) => [key, outputs.tags[key]]));
    assert.deepEqual(body.deployment.tags, expectedTags);
    assert.deepEqual(body.customAttributes, { raw: attributes, attributes: { trace: attributes.slice(6, attributes.indexOf(";")), suite: "integration" } });
  });
});
