/**
 * Local mode: the real Pulumi program "deployed" into the SageMaker emulator with Pulumi's mock
 * runtime, and the inference container running as a local process behind the emulator's runtime API.
 * An emulation, not a deployment: nothing reaches AWS.
 */
import { DescribeEndpointCommand, DescribeModelCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { CliError, oneLine } from "../base/cli-error";
import { sageMakerClient } from "../base/sagemaker-client";
import { parseStackOutputs, type StackOutputs } from "../base/stack-outputs";
import type { LocalOptions } from "./cli-args";
import { startContainer, type RunningContainer } from "./container-process";
import { SageMakerEmulator } from "./emulator";
import { DEFAULT_REGION, LOCAL_ACCOUNT_ID, type LocalIdentity } from "./local-identity";
import { localMocks } from "./local-mocks";
import { StackState } from "./physical-names";
import { evaluateProgram } from "./program-runner";
import { loadStackConfig, StackFileError } from "../base/stack-file";
import type { SupervisedProcess } from "./supervised-process";
import type { Shutdown } from "./shutdown";
import { ContainerStartError } from "./wait-healthy";

/** A running local mode. */
export interface LocalModeSession {
  /** The stack outputs, in the shape of `pulumi stack output --json`. */
  outputs: StackOutputs;
  /** Base URL of the emulator (control plane and runtime API). */
  emulatorUrl: string;
  /** The container process (its pid, output lines and exit). */
  container: SupervisedProcess;
}

/** Milliseconds to wait for the emulated endpoint to reach `InService`. */
const IN_SERVICE_TIMEOUT_MS = 10_000;

/** Reads the stack file; a missing stack or unreadable file is a one-line error. */
function readConfig(options: LocalOptions): Record<string, string> {
  try {
    return loadStackConfig(options.stack, options.configDir);
  } catch (error) {
    if (error instanceof StackFileError) throw new CliError(error.message);
    throw error;
  }
}

/** Starts the emulator on the requested loopback port; failing that (an occupied port) is a one-line error. */
async function startEmulator(options: LocalOptions, identity: LocalIdentity): Promise<SageMakerEmulator> {
  try {
    return await SageMakerEmulator.start({ host: "127.0.0.1", port: options.port, ...identity });
  } catch (error) {
    const hint = /already in use/.test(oneLine(error)) ? "; pick another port with --port N (0 = any free port)" : "";
    throw new CliError(`${oneLine(error)}${hint}`);
  }
}

/** Runs the program against the emulator and returns its validated outputs. */
async function deployProgram(options: LocalOptions, config: Record<string, string>, client: SageMakerClient, identity: LocalIdentity, state: StackState) {
  let run;
  try {
    run = await evaluateProgram({ stack: options.stack, config, mocks: localMocks(client, identity, state) });
  } catch (error) {
    throw new CliError(`the Pulumi program failed for stack ${options.stack}: ${oneLine(error)}`);
  }
  return parseStackOutputs(run.outputs, "the program's outputs").outputs;
}

/** Polls `DescribeEndpoint` until the endpoint is `InService`. */
async function waitInService(client: SageMakerClient, endpointName: string): Promise<void> {
  const deadline = Date.now() + IN_SERVICE_TIMEOUT_MS;
  for (;;) {
    const { EndpointStatus } = await client.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
    if (EndpointStatus === "InService") return;
    if (EndpointStatus === "Failed" || Date.now() >= deadline) {
      throw new CliError(`the emulated endpoint ${endpointName} is ${EndpointStatus}, not InService`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The Model's container environment as the emulator holds it (what SageMaker would give the container). */
async function modelEnvironment(client: SageMakerClient, modelName: string): Promise<Record<string, string>> {
  const model = await client.send(new DescribeModelCommand({ ModelName: modelName }));
  return model.PrimaryContainer?.Environment ?? {};
}

/** Starts the container; a failed start prints its last log lines, then is a one-line error. */
async function runContainer(options: LocalOptions, environment: Record<string, string>, emulatorUrl: string, progress: (line: string) => void): Promise<RunningContainer> {
  try {
    return await startContainer({
      modelEnvironment: environment,
      emulatorUrl,
      modelDir: options.modelDir,
      startupTimeoutMs: options.startupTimeoutSeconds * 1000,
      onSpawn: (pid) => progress(`• container process ${pid} started on a free loopback port; waiting for /ping`),
    });
  } catch (error) {
    if (!(error instanceof ContainerStartError)) throw error;
    progress("  the container's last log lines:");
    for (const line of error.recentLines) progress(`  | ${line}`);
    throw new CliError(error.message);
  }
}

/**
 * Starts local mode: reads the stack file, starts the emulator, evaluates the program into it, runs the
 * container with the Model's environment and attaches it to the endpoint. Every close step goes into
 * `shutdown`, so an interrupted or failed start can be cleaned up by the caller.
 */
export async function startLocalMode(options: LocalOptions, progress: (line: string) => void, shutdown: Shutdown): Promise<LocalModeSession> {
  const config = readConfig(options);
  const identity: LocalIdentity = { accountId: LOCAL_ACCOUNT_ID, region: config["aws:region"] ?? DEFAULT_REGION };
  progress(`• stack ${options.stack}: read Pulumi.${options.stack}.yaml from ${options.configDir}`);

  const emulator = await startEmulator(options, identity);
  shutdown.add(() => emulator.close());
  progress(`• SageMaker emulator listening on ${emulator.url} (account ${identity.accountId}, region ${identity.region})`);

  const client = sageMakerClient({ region: identity.region, endpointUrl: emulator.url });
  shutdown.add(async () => client.destroy());
  progress("• evaluating index.ts with Pulumi's mock runtime (no AWS calls; SageMaker resources go to the emulator)");
  const outputs = await deployProgram(options, config, client, identity, new StackState(options.stack));
  await waitInService(client, outputs.endpointName);
  progress(`• created model ${outputs.modelName}, endpoint config ${outputs.endpointConfigName}, endpoint ${outputs.endpointName} (InService)`);

  const environment = await modelEnvironment(client, outputs.modelName);
  progress(`• starting the container with the Model's environment (${Object.keys(environment).sort().join(", ")})`);
  const started = Date.now();
  const container = await runContainer(options, environment, emulator.url, progress);
  shutdown.add(async () => {
    await container.process.stop();
  });
  emulator.attachContainer(outputs.endpointName, container.url);
  progress(`• container healthy on ${container.url} after ${Date.now() - started} ms; attached to the runtime API`);

  return { outputs, emulatorUrl: emulator.url, container: container.process };
}
