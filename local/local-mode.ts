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
import { startContainer, type ContainerOptions, type RunningContainer } from "./container-process";
import { buildImage } from "./image-build";
import { startImageContainer } from "./image-container";
import { SageMakerEmulator } from "./emulator";
import { DEFAULT_REGION, LOCAL_ACCOUNT_ID, type LocalIdentity } from "./local-identity";
import { localMocks } from "./local-mocks";
import { declaredRole, type DeclaredRole } from "./execution-role";
import type { RoleCredentials } from "./emulator/iam/roles";
import { localModelDirectory } from "./model-directory";
import { LocalObjects } from "./model-objects";
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

/** Runs the program against the emulator and returns its validated outputs and its execution role. */
async function deployProgram(options: LocalOptions, config: Record<string, string>, client: SageMakerClient, identity: LocalIdentity, objects: LocalObjects) {
  let run;
  try {
    run = await evaluateProgram({ stack: options.stack, config, mocks: localMocks(client, identity, objects) });
  } catch (error) {
    throw new CliError(`the Pulumi program failed for stack ${options.stack}: ${oneLine(error)}`);
  }
  return { outputs: parseStackOutputs(run.outputs, "the program's outputs").outputs, role: declaredRole(run) };
}

/** Registers the execution role with the emulator, which then judges the container's calls by its policies. */
async function registerRole(emulator: SageMakerEmulator, role: DeclaredRole): Promise<RoleCredentials> {
  try {
    return await emulator.registerRole({ roleArn: role.roleArn, policies: role.policies });
  } catch (error) {
    throw new CliError(`the execution role ${role.roleArn} cannot be enforced: ${oneLine(error)}`);
  }
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

/** Builds the image (base stand-in if not cached, then buildah); a failed build is a one-line error after its output. */
async function buildLocalImage(progress: (line: string) => void): Promise<string> {
  progress("• building the inference image with buildah (docs/image.md); the first build takes minutes");
  try {
    const build = await buildImage((line) => progress(`  | ${line}`));
    progress(`• built ${build.image} (base ${build.baseSeconds} s, buildah ${build.buildSeconds} s)`);
    return build.image;
  } catch (error) {
    throw new CliError(`the image build failed: ${oneLine(error)}`);
  }
}

/** Starts the container (`image` with podman, or the Node process); a failed start prints its last log lines, then is a one-line error. */
async function runContainer(
  options: LocalOptions,
  image: string | undefined,
  modelDir: string,
  environment: Record<string, string>,
  emulatorUrl: string,
  credentials: RoleCredentials,
  progress: (line: string) => void,
): Promise<RunningContainer> {
  const containerOptions: ContainerOptions = {
    modelEnvironment: environment,
    emulatorUrl,
    credentials,
    modelDir,
    startupTimeoutMs: options.startupTimeoutSeconds * 1000,
    onSpawn: (pid) => progress(`• container process ${pid} started on a free loopback port; waiting for /ping`),
  };
  try {
    return image ? await startImageContainer({ ...containerOptions, image }) : await startContainer(containerOptions);
  } catch (error) {
    if (!(error instanceof ContainerStartError)) throw error;
    progress("  the container's last log lines:");
    for (const line of error.recentLines) progress(`  | ${line}`);
    throw new CliError(error.message);
  }
}

/**
 * Starts local mode: reads the stack file, builds the image (with `--image`), starts the emulator, evaluates the program into it, runs the
 * container with the Model's environment and attaches it to the endpoint. Every close step goes into
 * `shutdown`, so an interrupted or failed start can be cleaned up by the caller.
 */
export async function startLocalMode(options: LocalOptions, progress: (line: string) => void, shutdown: Shutdown): Promise<LocalModeSession> {
  const config = readConfig(options);
  const identity: LocalIdentity = { accountId: LOCAL_ACCOUNT_ID, region: config["aws:region"] ?? DEFAULT_REGION };
  progress(`• stack ${options.stack}: read Pulumi.${options.stack}.yaml from ${options.configDir}`);
  const image = options.image ? await buildLocalImage(progress) : undefined;

  const emulator = await startEmulator(options, identity);
  shutdown.add(() => emulator.close());
  progress(`• SageMaker emulator listening on ${emulator.url} (account ${identity.accountId}, region ${identity.region})`);

  const client = sageMakerClient({ region: identity.region, endpointUrl: emulator.url });
  shutdown.add(async () => client.destroy());
  progress("• evaluating index.ts with Pulumi's mock runtime (no AWS calls; SageMaker resources go to the emulator)");
  const objects = new LocalObjects();
  const { outputs, role } = await deployProgram(options, config, client, identity, objects);
  await waitInService(client, outputs.endpointName);
  progress(`• created model ${outputs.modelName}, endpoint config ${outputs.endpointConfigName}, endpoint ${outputs.endpointName} (InService)`);
  const credentials = await registerRole(emulator, role);
  progress(`• the container signs as execution role ${role.roleArn}; the emulator judges its calls by the role's ${role.policies.length} inline policies`);

  const modelDir = await localModelDirectory({ explicitDir: options.modelDir, client, modelName: outputs.modelName, objects }, shutdown, progress);
  const environment = await modelEnvironment(client, outputs.modelName);
  progress(`• starting the container with the Model's environment (${Object.keys(environment).sort().join(", ")})`);
  const started = Date.now();
  const container = await runContainer(options, image, modelDir, environment, emulator.url, credentials, progress);
  shutdown.add(async () => {
    await container.process.stop();
  });
  emulator.attachContainer(outputs.endpointName, container.url);
  progress(`• container healthy on ${container.url} after ${Date.now() - started} ms; attached to the runtime API`);

  return { outputs, emulatorUrl: emulator.url, container: container.process };
}
