/**
 * Local mode: the real Pulumi program "deployed" into the SageMaker emulator with Pulumi's mock
 * runtime, and each fleet's inference container running as a local process behind the emulator's
 * runtime API. `update` runs the program again for the same stack (a `pulumi up`): a new fleet is
 * deployed blue/green by the emulator, which starts its container through the session's fleets.
 * An emulation, not a deployment: nothing reaches AWS.
 */
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { CliError, oneLine } from "../base/cli-error";
import { sageMakerClient } from "../base/sagemaker-client";
import { parseStackOutputs, type StackOutputs } from "../base/stack-outputs";
import type { LocalOptions } from "./cli-args";
import { buildImage } from "./image-build";
import { SageMakerEmulator } from "./emulator";
import type { FleetSpec, LaunchedFleet } from "./emulator/fleets";
import { LocalFleets } from "./local-fleets";
import { DEFAULT_REGION, LOCAL_ACCOUNT_ID, type LocalIdentity } from "./local-identity";
import { localMocks } from "./local-mocks";
import { StackState } from "./physical-names";
import { declaredRole, type DeclaredRole } from "./execution-role";
import type { RoleCredentials } from "./emulator/iam/roles";
import { localModelDirectory } from "./model-directory";
import { LocalObjects } from "./model-objects";
import { evaluateProgram } from "./program-runner";
import { loadStackConfig, StackFileError } from "../base/stack-file";
import type { Shutdown } from "./shutdown";
import { ContainerStartError } from "./wait-healthy";

/** A running local mode. */
export interface LocalModeSession {
  /** The stack outputs, in the shape of `pulumi stack output --json`. */
  outputs: StackOutputs;
  /** Base URL of the emulator (control plane and runtime API). */
  emulatorUrl: string;
  /** The emulator (deployment fault knob, call counts). */
  emulator: SageMakerEmulator;
  /** The fleets' container processes. */
  fleets: LocalFleets;
  /** The first fleet's production variant names, in config order (`AllTraffic` for the `variant` shorthand). */
  variantNames: string[];
  /**
   * Runs the program again for the same stack with `config` (a full config map, as `loadStackConfig`
   * returns): an update, as `pulumi up` applies it. A replaced fleet is deployed blue/green by the emulator
   * in the background (watch DescribeEndpoint); resolves with the new outputs once the program has run.
   */
  update(config: Record<string, string>): Promise<StackOutputs>;
}

/** Extra knobs of local mode beyond the CLI flags. */
export interface LocalModeHooks {
  /** Each output line of a fleet's container, with the fleet's config name. */
  onContainerLine?(configName: string, line: string): void;
  /** Multiplies the emulator's deployment waits (default: 1 / the `--deployment-speedup` option). */
  deploymentTimeFactor?: number;
  /** The stack config to deploy instead of the stack file's (a full map, as `loadStackConfig` returns). */
  config?: Record<string, string>;
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
async function startEmulator(options: LocalOptions, identity: LocalIdentity, deploymentTimeFactor: number): Promise<SageMakerEmulator> {
  try {
    return await SageMakerEmulator.start({ host: "127.0.0.1", port: options.port, deploymentTimeFactor, ...identity });
  } catch (error) {
    const hint = /already in use/.test(oneLine(error)) ? "; pick another port with --port N (0 = any free port)" : "";
    throw new CliError(`${oneLine(error)}${hint}`);
  }
}

/** Runs the program against the emulator and returns its validated outputs and its execution role. */
async function deployProgram(
  options: LocalOptions,
  config: Record<string, string>,
  client: SageMakerClient,
  identity: LocalIdentity,
  state: StackState,
  objects: LocalObjects,
): Promise<{ outputs: StackOutputs; role: DeclaredRole }> {
  let run;
  try {
    run = await evaluateProgram({ stack: options.stack, config, mocks: localMocks(client, identity, state, objects) });
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

/** The first fleet's production variants: each one's name and model. */
async function firstFleetVariants(client: SageMakerClient, configName: string): Promise<{ variantName: string; modelName: string }[]> {
  const config = await client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }));
  return (config.ProductionVariants ?? []).map((variant) => ({ variantName: variant.VariantName ?? "", modelName: variant.ModelName ?? "" }));
}

/** Starts one variant's container of the first fleet; a failed start prints its last log lines, then is a one-line error. */
async function launchFirstFleet(fleets: LocalFleets, spec: FleetSpec, progress: (line: string) => void): Promise<LaunchedFleet> {
  try {
    return await fleets.launch(spec);
  } catch (error) {
    if (!(error instanceof ContainerStartError)) throw error;
    progress("  the container's last log lines:");
    for (const line of error.recentLines) progress(`  | ${line}`);
    throw new CliError(error.message);
  }
}

/**
 * Starts local mode: reads the stack file, builds the image (with `--image`), starts the emulator,
 * evaluates the program into it, runs the first fleet's container (a Node process, or the image under
 * podman) with the Model's environment and attaches it to the endpoint's config; later fleets are launched
 * by the emulator's deployments. Every close step goes into `shutdown`, so an interrupted or failed start
 * can be cleaned up by the caller.
 */
export async function startLocalMode(
  options: LocalOptions,
  progress: (line: string) => void,
  shutdown: Shutdown,
  hooks: LocalModeHooks = {},
): Promise<LocalModeSession> {
  const config = hooks.config ?? readConfig(options);
  const identity: LocalIdentity = { accountId: LOCAL_ACCOUNT_ID, region: config["aws:region"] ?? DEFAULT_REGION };
  progress(`• stack ${options.stack}: read Pulumi.${options.stack}.yaml from ${options.configDir}`);
  const image = options.image ? await buildLocalImage(progress) : undefined;

  const emulator = await startEmulator(options, identity, hooks.deploymentTimeFactor ?? 1 / options.deploymentSpeedup);
  shutdown.add(() => emulator.close());
  progress(`• SageMaker emulator listening on ${emulator.url} (account ${identity.accountId}, region ${identity.region})`);

  const client = sageMakerClient({ region: identity.region, endpointUrl: emulator.url });
  shutdown.add(async () => client.destroy());
  progress("• evaluating index.ts with Pulumi's mock runtime (no AWS calls; SageMaker resources go to the emulator)");
  const state = new StackState(options.stack);
  const objects = new LocalObjects();
  const { outputs, role } = await deployProgram(options, config, client, identity, state, objects);
  await waitInService(client, outputs.endpointName);
  const configName = outputs.endpointConfigName;
  const variants = await firstFleetVariants(client, configName);
  const models = variants.length > 1 ? `models ${variants.map((v) => `${v.modelName} (${v.variantName})`).join(", ")}` : `model ${outputs.modelName}`;
  progress(`• created ${models}, endpoint config ${configName}, endpoint ${outputs.endpointName} (InService)`);
  const credentials = await registerRole(emulator, role);
  progress(`• the container signs as execution role ${role.roleArn}; the emulator judges its calls by the role's ${role.policies.length} inline policies`);

  const fleets = new LocalFleets({
    emulatorUrl: emulator.url,
    credentials,
    image,
    modelDirFor: (modelName) => localModelDirectory({ explicitDir: options.modelDir, client, modelName, objects }, shutdown, progress),
    startupTimeoutMs: options.startupTimeoutSeconds * 1000,
    progress,
    onLine: hooks.onContainerLine,
  });
  shutdown.add(() => fleets.stopAll());
  // One container per production variant, each with its own Model's environment (as SageMaker runs them).
  for (const { variantName, modelName } of variants) {
    const environment = await modelEnvironment(client, modelName);
    progress(`• starting variant ${variantName}'s container with its Model's environment (${Object.keys(environment).sort().join(", ")})`);
    const spec = { endpointName: outputs.endpointName, configName, variantName, modelName, environment };
    const fleet = await launchFirstFleet(fleets, spec, progress);
    emulator.attachContainer(outputs.endpointName, fleet.url, { configName, variantName, stop: fleet.stop });
  }
  emulator.setFleetLauncher(fleets.launch);
  progress(`• containers attached to the runtime API for config ${configName}`);

  const update = async (next: Record<string, string>) => {
    const run = await deployProgram(options, next, client, identity, state, objects);
    // As `pulumi up` updates the role's inline policies before the Endpoint (which depends on them).
    await emulator.setRolePolicies(run.role.roleArn, run.role.policies);
    return run.outputs;
  };
  return { outputs, emulatorUrl: emulator.url, emulator, fleets, variantNames: variants.map((variant) => variant.variantName), update };
}
