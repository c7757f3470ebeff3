/**
 * Runs the inference container (`container/src/main.ts serve`) as a local child process with exactly
 * the Model's container environment plus what local mode must add, and waits until it is healthy.
 */
import * as path from "node:path";
import { PROJECT_ROOT } from "./cli-args";
import { findFreePort } from "./free-port";
import { startSupervisedProcess, type SupervisedProcess } from "./supervised-process";
import { waitHealthy } from "./wait-healthy";
import { EMULATOR_CREDENTIAL_ENV } from "../base/emulator-credentials";
import type { RoleCredentials } from "./emulator/iam/roles";

/** How to run the container. */
export interface ContainerOptions {
  /** The Model's container `Environment`, as the emulator holds it. */
  modelEnvironment: Record<string, string>;
  /** Base URL of the SageMaker emulator; becomes `AWS_ENDPOINT_URL_SAGEMAKER`. */
  emulatorUrl: string;
  /**
   * The execution role's credentials (from the emulator's `registerRole`), so the emulator judges the
   * container's calls by the role's policies. Default: the unrestricted emulator credentials.
   */
  credentials?: RoleCredentials;
  /** Model directory; becomes `SM_MODEL_DIR`. */
  modelDir: string;
  /** Milliseconds the container may take to answer `/ping` with 200. */
  startupTimeoutMs: number;
  /** Called with the process id as soon as the container process exists (before it is healthy). */
  onSpawn?: (pid: number) => void;
  /** Wait until `/ping` answers 200 (true), or resolve once the process runs, for a container meant to stay unready (false). Default true. */
  untilHealthy?: boolean;
}

/** A healthy container process. */
export interface RunningContainer {
  /** The supervised process. */
  process: SupervisedProcess;
  /** Base URL it serves on (`http://127.0.0.1:<port>`). */
  url: string;
}

/**
 * The Model's environment plus what local mode must add in any form of the container: the emulator (at
 * `emulatorUrl`, as the container reaches it) as the control-plane endpoint, with the execution role's
 * credentials (or, without a role, the unrestricted dummy ones).
 */
export function emulatedEnvironment(
  modelEnvironment: Record<string, string>,
  emulatorUrl: string,
  credentials?: RoleCredentials,
): Record<string, string> {
  const identity =
    credentials === undefined
      ? EMULATOR_CREDENTIAL_ENV
      : {
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          AWS_SESSION_TOKEN: credentials.sessionToken,
        };
  return { ...modelEnvironment, AWS_ENDPOINT_URL_SAGEMAKER: emulatorUrl, ...identity };
}

/**
 * The container process's environment: {@link emulatedEnvironment}, then what SageMaker's host would
 * provide (port, model dir) pointed at local resources, and a loopback bind address (SageMaker binds
 * every interface; local mode must not).
 */
export function containerEnvironment(options: ContainerOptions, port: number): NodeJS.ProcessEnv {
  return {
    ...emulatedEnvironment(options.modelEnvironment, options.emulatorUrl, options.credentials),
    SM_MODEL_DIR: options.modelDir,
    SAGEMAKER_BIND_TO_PORT: String(port),
    SAGEMAKER_BIND_TO_HOST: "127.0.0.1",
  };
}

/**
 * Starts the container and resolves once `/ping` answers 200 (unless `untilHealthy` is false); on
 * failure the process is stopped and the error (a `ContainerStartError` with the container's last log
 * lines) is rethrown.
 */
export async function startContainer(options: ContainerOptions): Promise<RunningContainer> {
  const port = await findFreePort();
  const child = await startSupervisedProcess({
    command: process.execPath,
    args: [
      "-r",
      "ts-node/register/transpile-only",
      "-r",
      path.join(__dirname, "exit-with-parent.ts"),
      path.join(PROJECT_ROOT, "container", "src", "main.ts"),
      "serve",
    ],
    env: containerEnvironment(options, port),
    cwd: PROJECT_ROOT,
  });
  return untilHealthy(child, `http://127.0.0.1:${port}`, options);
}

/**
 * Reports the started `child` through `onSpawn`, then resolves once `url` answers `/ping` with 200; on
 * failure the child is stopped and the error (a `ContainerStartError` with its last log lines) is rethrown.
 */
export async function untilHealthy(child: SupervisedProcess, url: string, options: ContainerOptions): Promise<RunningContainer> {
  options.onSpawn?.(child.pid);
  if (options.untilHealthy === false) return { process: child, url };
  try {
    await waitHealthy(url, child, options.startupTimeoutMs);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { process: child, url };
}
