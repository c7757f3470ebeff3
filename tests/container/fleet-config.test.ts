/**
 * The fleet's EndpointConfig found at run time (real SDK, real HTTP, the emulator's blue/green updates): a
 * container knows its Model and variant; it resolves its config once, preferring the endpoint's pending
 * config over the current one, skipping a config that does not run its Model as its variant, and reports
 * a resolution failure (then retries it like any failed read). Containers of a new fleet are started by the
 * emulator's fleet launcher from the Model's environment, while the update is pending, as SageMaker does.
 */
import { strict as assert } from "node:assert";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import type { Environment } from "../../container/src/config";
import type { RunningServer } from "../../container/src/start";
import { SageMakerEmulator, tagList } from "../../local/emulator";
import type { FleetSpec } from "../../local/emulator/fleets";
import { emulatorClient, REGION, useDummyCredentials } from "./helpers/emulator";
import { invoke, waitFor, type Reply } from "./helpers/http";
import { captureLogs } from "./helpers/logs";
import { startTestServer } from "./helpers/server";

const VARIANT = "AllTraffic";

describe("container: the fleet's endpoint config, resolved at run time", function () {
  this.timeout(30_000);
  useDummyCredentials();
  let emu: SageMakerEmulator;
  let client: SageMakerClient;
  let servers: RunningServer[] = [];
  let endpoints = 0;

  before(async () => {
    emu = await SageMakerEmulator.start({ region: REGION, deploymentTimeFactor: 0.01 });
    client = emulatorClient(emu);
  });
  afterEach(async () => {
    emu.setFleetLauncher(null);
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });
  after(async () => {
    client.destroy();
    await emu.close();
  });

  async function model(name: string): Promise<void> {
    await client.send(
      new CreateModelCommand({
        ModelName: name,
        ExecutionRoleArn: "arn:aws:iam::123456789012:role/emulated-execution-role",
        PrimaryContainer: { Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/tagged-endpoint:1", Environment: { SAGEMAKER_MODEL_NAME: name, SAGEMAKER_VARIANT_NAME: VARIANT } },
        Tags: tagList({ Layer: `model ${name}` }),
      }),
    );
  }

  async function config(name: string, modelName: string, weight = 1): Promise<void> {
    await client.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: name,
        ProductionVariants: [{ VariantName: VARIANT, ModelName: modelName, InitialVariantWeight: weight, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }],
        Tags: tagList({ Config: name }),
      }),
    );
  }

  /** A new endpoint on model `<ep>--aaaaaaaaaa` and config `<ep>--c1c1c1c1c1`, InService. */
  async function endpoint(): Promise<{ name: string; modelA: string; c1: string }> {
    endpoints += 1;
    const name = `fleet-config-${endpoints}`;
    const [modelA, c1] = [`${name}--aaaaaaaaaa`, `${name}--c1c1c1c1c1`];
    await model(modelA);
    await config(c1, modelA);
    await client.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: c1 }));
    return { name, modelA, c1 };
  }

  /** Starts a container of endpoint `name` with `env` (its Model's environment) and loads its tags once. */
  async function container(name: string, env: Environment): Promise<RunningServer> {
    const server = await startTestServer(
      { SAGEMAKER_ENDPOINT_NAME: name, AWS_REGION: REGION, AWS_ENDPOINT_URL_SAGEMAKER: emu.url, TAG_CACHE_TTL_SECONDS: "1", EXPOSED_TAG_KEYS: "Config,Layer", ...env },
      { log: captureLogs().log },
    );
    servers.push(server);
    return server;
  }

  const shown = async (server: RunningServer): Promise<Reply["json"]> => {
    const reply = await invoke(server.url, { instances: [[1, 2, 3, 4]] });
    assert.equal(reply.status, 200, reply.text);
    return reply.json.deployment;
  };

  /** Runs `launch` as the fleet launcher of the next update to `configName`, with DescribeEndpoint's view at launch. */
  async function updateWith(name: string, configName: string, launch: (spec: FleetSpec) => Promise<RunningServer>): Promise<{ pendingAtLaunch: string | undefined; launched: RunningServer }> {
    let pendingAtLaunch: string | undefined;
    let launched: RunningServer | undefined;
    emu.setFleetLauncher(async (spec) => {
      pendingAtLaunch = (await client.send(new DescribeEndpointCommand({ EndpointName: name }))).PendingDeploymentSummary?.EndpointConfigName;
      launched = await launch(spec);
      return { url: launched.url, stop: () => Promise.resolve() };
    });
    await client.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: configName }));
    await waitFor(async () => (await client.send(new DescribeEndpointCommand({ EndpointName: name }))).EndpointConfigName === configName, 20_000, 50);
    return { pendingAtLaunch, launched: launched! };
  }

  it("resolves to the current config when no update is pending: DescribeEndpoint, one DescribeEndpointConfig, then ListTags only", async () => {
    const { name, modelA, c1 } = await endpoint();
    emu.resetCalls();
    const server = await container(name, { SAGEMAKER_MODEL_NAME: modelA, SAGEMAKER_VARIANT_NAME: VARIANT });
    const deployment = await shown(server);
    assert.equal(deployment.endpointConfigName, c1);
    assert.equal(deployment.modelName, modelA);
    assert.deepEqual(deployment.tags, { Config: c1, Layer: `model ${modelA}` });
    // Two refreshes after the first read (an invocation after the TTL starts one).
    await waitFor(async () => (await shown(server)) !== undefined && emu.calls().byOperation.ListTags >= 9, 10_000, 100);
    const { DescribeEndpoint, DescribeEndpointConfig, DescribeModel } = emu.calls().byOperation;
    assert.deepEqual({ DescribeEndpoint, DescribeEndpointConfig, DescribeModel }, { DescribeEndpoint: 1, DescribeEndpointConfig: 1, DescribeModel: undefined });
  });

  it("prefers the pending config: a weight-only update's new fleet runs the same Model and reports the new config; the old fleet keeps its own", async () => {
    const { name, modelA, c1 } = await endpoint();
    const old = await container(name, { SAGEMAKER_MODEL_NAME: modelA, SAGEMAKER_VARIANT_NAME: VARIANT });
    assert.equal((await shown(old)).endpointConfigName, c1);
    const c2 = `${name}--c2c2c2c2c2`;
    await config(c2, modelA, 2);
    let atLaunch: Reply["json"] | undefined;
    const { pendingAtLaunch } = await updateWith(name, c2, async (spec) => {
      const green = await container(name, spec.environment);
      atLaunch = await shown(green);
      return green;
    });
    assert.equal(pendingAtLaunch, c2, "the update was pending while the new fleet started");
    assert.equal(atLaunch?.modelName, modelA);
    assert.equal(atLaunch?.endpointConfigName, c2);
    assert.deepEqual(atLaunch?.tags, { Config: c2, Layer: `model ${modelA}` });
    assert.equal((await shown(old)).endpointConfigName, c1, "a running container resolved once and keeps its config");
  });

  it("skips a config that does not run its Model as its variant: an old-fleet replacement during a Model change resolves to the current config", async () => {
    const { name, modelA, c1 } = await endpoint();
    const modelB = `${name}--bbbbbbbbbb`;
    const c3 = `${name}--c3c3c3c3c3`;
    await model(modelB);
    await config(c3, modelB);
    let replacement: Reply["json"] | undefined;
    let green: Reply["json"] | undefined;
    await updateWith(name, c3, async (spec) => {
      // An old-fleet instance SageMaker replaces while the update is pending, and the new fleet's container.
      emu.resetCalls();
      replacement = await shown(await container(name, { SAGEMAKER_MODEL_NAME: modelA, SAGEMAKER_VARIANT_NAME: VARIANT }));
      const tried = emu.callLog().calls.filter((call) => call.action === "sagemaker:DescribeEndpointConfig").map((call) => call.resourceArn?.replace(/.*\//, ""));
      assert.deepEqual(tried, [c3, c1]);
      const server = await container(name, spec.environment);
      green = await shown(server);
      return server;
    });
    assert.equal(replacement?.endpointConfigName, c1);
    assert.deepEqual(replacement?.tags, { Config: c1, Layer: `model ${modelA}` });
    assert.equal(green?.modelName, modelB);
    assert.equal(green?.endpointConfigName, c3);
  });

  it("reports a failed resolution naming the model, variant and configs tried, and retries it until a config runs the model", async () => {
    const { name, c1 } = await endpoint();
    const modelX = `${name}--xxxxxxxxxx`;
    await model(modelX);
    const server = await container(name, { SAGEMAKER_MODEL_NAME: modelX, SAGEMAKER_VARIANT_NAME: VARIANT });
    const failed = await server.tags.current();
    assert.equal(failed.status, "unavailable");
    assert.equal(
      failed.lastError,
      `sagemaker:DescribeEndpointConfig on endpoint "${name}" failed: FleetConfigNotFound: no endpoint config runs model "${modelX}" as variant "${VARIANT}" (tried: "${c1}")`,
    );
    assert.equal((await shown(server)).endpointConfigName, null);
    const c4 = `${name}--c4c4c4c4c4`;
    await config(c4, modelX);
    await client.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: c4 }));
    await waitFor(async () => (await shown(server)).endpointConfigName === c4, 15_000, 50);
    const described = emu.callLog().calls.filter((call) => call.action === "sagemaker:DescribeEndpointConfig" && call.resourceArn?.endsWith(`/${c1}`));
    assert.equal(described.length, 1, "a config is described once, however many retries");
  });
});
