/** Starting the real model server in-process on a loopback port for a test. */
import { join } from "node:path";
import { loadSettings, type Environment } from "../../../container/src/config";
import { startServer, type RunningServer, type StartOptions } from "../../../container/src/start";

/** The sample model shipped with the container. */
export const MODEL_DIR = join(__dirname, "..", "..", "..", "container", "model");

/** Container environment for tests: loopback, ephemeral port, the shipped model; `env` adds or overrides. */
export function testEnvironment(env: Environment = {}): Environment {
  return { SAGEMAKER_BIND_TO_HOST: "127.0.0.1", SAGEMAKER_BIND_TO_PORT: "0", SM_MODEL_DIR: MODEL_DIR, ...env };
}

/** Starts the server with `testEnvironment(env)`. */
export function startTestServer(env: Environment, options: StartOptions): Promise<RunningServer> {
  return startServer(loadSettings(testEnvironment(env)), options);
}
