/**
 * Runs the inference image as SageMaker runs it: `podman run IMAGE serve` with the Model's environment,
 * port 8080 (or the Model's `SAGEMAKER_BIND_TO_PORT`) published on a free loopback port, the model
 * directory mounted read-only at `/opt/ml/model`, and the image's own user. Local mode adds only the
 * emulator endpoint and dummy credentials, as for the Node process.
 */
import { execFile } from "node:child_process";
import { emulatedEnvironment, untilHealthy, type ContainerOptions, type RunningContainer } from "./container-process";
import { findFreePort } from "./free-port";
import { podmanEnvironment } from "./podman-env";
import { startSupervisedProcess, type SupervisedProcess } from "./supervised-process";

/** Where SageMaker mounts the model artifacts in the container. */
export const CONTAINER_MODEL_DIR = "/opt/ml/model";

/** The port SageMaker sends `/ping` and `/invocations` to unless `SAGEMAKER_BIND_TO_PORT` says otherwise. */
export const SAGEMAKER_PORT = 8080;

/**
 * The address of this machine's loopback interface from inside the container: slirp4netns with
 * `allow_host_loopback=true` maps it to 10.0.2.2, so the container reaches the emulator on 127.0.0.1.
 */
export const HOST_LOOPBACK_FROM_CONTAINER = "10.0.2.2";

/** How to run the image: the container options plus the image. */
export interface ImageContainerOptions extends ContainerOptions {
  /** The image to run, for example `localhost/tagged-endpoint:local` (required). */
  image: string;
}

/** The container's name for a given host port (unique per running local mode). */
export function imageContainerName(hostPort: number): string {
  return `tagged-endpoint-local-${hostPort}`;
}

/** A loopback URL as the container reaches it (host loopback through slirp4netns). */
export function fromContainer(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === "127.0.0.1" || parsed.hostname === "localhost") parsed.hostname = HOST_LOOPBACK_FROM_CONTAINER;
  return parsed.toString().replace(/\/$/, "");
}

/** The `podman run` arguments for `options`, published on `hostPort`. */
export function podmanRunArgs(options: ImageContainerOptions, hostPort: number): string[] {
  const environment = emulatedEnvironment(options.modelEnvironment, fromContainer(options.emulatorUrl), options.credentials);
  const containerPort = Number(options.modelEnvironment.SAGEMAKER_BIND_TO_PORT ?? SAGEMAKER_PORT);
  return [
    "run",
    "--rm",
    "--runtime", "runc",
    "--name", imageContainerName(hostPort),
    "--network", "slirp4netns:allow_host_loopback=true",
    "--publish", `127.0.0.1:${hostPort}:${containerPort}`,
    "--volume", `${options.modelDir}:${CONTAINER_MODEL_DIR}:ro`,
    ...Object.entries(environment).flatMap(([key, value]) => ["--env", `${key}=${value}`]),
    options.image,
    "serve",
  ];
}

/** Removes the container if it is still there (after a client that was killed before it could). */
function removeContainer(name: string): Promise<void> {
  return new Promise((resolve) => execFile("podman", ["rm", "--force", "--ignore", name], { env: podmanEnvironment() }, () => resolve()));
}

/**
 * Starts the image and resolves once `/ping` answers 200. The supervised process is the `podman run`
 * client: SIGTERM reaches the container through podman's signal proxy, its exit is the container's, and
 * `stop()` also removes the container should the client have been killed first.
 */
export async function startImageContainer(options: ImageContainerOptions): Promise<RunningContainer> {
  const hostPort = await findFreePort();
  const name = imageContainerName(hostPort);
  const client = await startSupervisedProcess({ command: "podman", args: podmanRunArgs(options, hostPort), env: podmanEnvironment() });
  const container: SupervisedProcess = {
    ...client,
    stop: async () => {
      const exit = await client.stop();
      await removeContainer(name);
      return exit;
    },
  };
  return untilHealthy(container, `http://127.0.0.1:${hostPort}`, options);
}
