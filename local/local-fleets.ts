/**
 * The fleets of local mode: each fleet is one container process started with that fleet's Model
 * environment (as SageMaker starts each instance of a fleet), attached to the emulator for its endpoint
 * config. The emulator launches new fleets through {@link LocalFleets.launch} during an update and stops
 * old or failed ones; a fleet that exits on its own is reported as unexpected.
 */
import type { FleetLauncher, FleetSpec, LaunchedFleet } from "./emulator/fleets";
import type { RoleCredentials } from "./emulator/iam/roles";
import { startContainer, type ContainerOptions } from "./container-process";
import { startImageContainer } from "./image-container";
import { describeExit, type ProcessExit, type SupervisedProcess } from "./supervised-process";

/** What fleets are started with. */
export interface LocalFleetOptions {
  /** Base URL of the emulator (the containers' control plane). */
  emulatorUrl: string;
  /** The execution role's credentials the containers sign with (default: the unrestricted emulator ones). */
  credentials?: RoleCredentials;
  /** The inference image to run under podman (default: none, a Node process of `container/src`). */
  image?: string;
  /** The model directory (`SM_MODEL_DIR`) of a fleet's Model: its archive unpacked, or a fixed directory. */
  modelDirFor(modelName: string): Promise<string>;
  /** How long a container may take to answer `/ping` with 200, in ms. */
  startupTimeoutMs: number;
  /** Progress lines (fleet started, stopped). */
  progress(line: string): void;
  /** Each output line of every fleet's container, with the fleet's config name. */
  onLine?(configName: string, line: string): void;
}

/** A fleet process that ended without being stopped. */
export interface UnexpectedExit {
  /** The config of the fleet. */
  configName: string;
  /** How it ended. */
  exit: ProcessExit;
}

/** One running fleet container. */
export interface RunningFleet {
  /** The config that launched it. */
  configName: string;
  /** The production variant it serves. */
  variantName: string;
  /** Its base URL. */
  url: string;
  /** Its process (pid, output lines, exit). */
  process: SupervisedProcess;
}

/** The running fleet processes of one local mode. */
export class LocalFleets {
  private readonly running = new Map<SupervisedProcess, RunningFleet>();
  private reportExit: (exit: UnexpectedExit) => void = () => undefined;
  /** Resolves when a fleet's process exits without having been stopped (never rejects). */
  readonly unexpectedExit = new Promise<UnexpectedExit>((resolve) => (this.reportExit = resolve));

  constructor(private readonly options: LocalFleetOptions) {}

  /** Starts `spec`'s fleet and resolves once its `/ping` answers 200 (rejects when it does not). */
  readonly launch: FleetLauncher = async (spec: FleetSpec): Promise<LaunchedFleet> => {
    const { options } = this;
    const started = Date.now();
    const containerOptions: ContainerOptions = {
      modelEnvironment: spec.environment,
      emulatorUrl: options.emulatorUrl,
      credentials: options.credentials,
      modelDir: await options.modelDirFor(spec.modelName),
      startupTimeoutMs: options.startupTimeoutMs,
      onSpawn: (pid) => options.progress(`• fleet ${spec.configName}: container process ${pid} started with model ${spec.modelName}'s environment`),
    };
    const container = options.image ? await startImageContainer({ ...containerOptions, image: options.image }) : await startContainer(containerOptions);
    const child = container.process;
    this.running.set(child, { configName: spec.configName, variantName: spec.variantName, url: container.url, process: child });
    child.onLine((line) => options.onLine?.(spec.configName, line));
    void child.exited.then((exit) => {
      if (this.running.delete(child)) this.reportExit({ configName: spec.configName, exit });
    });
    options.progress(`• fleet ${spec.configName}: healthy on ${container.url} after ${Date.now() - started} ms`);
    return {
      url: container.url,
      stop: async () => {
        if (!this.running.delete(child)) return;
        const exit = await child.stop();
        options.progress(`• fleet ${spec.configName}: container stopped (${describeExit(exit)})`);
      },
    };
  };

  /** The running fleet containers, oldest first. */
  list(): RunningFleet[] {
    return [...this.running.values()];
  }

  /** Stops every fleet still running. */
  async stopAll(): Promise<void> {
    const children = [...this.running.keys()];
    this.running.clear();
    await Promise.all(children.map((child) => child.stop()));
  }
}
