/**
 * Mocha hooks for a suite that runs the bundle as processes against the emulator: builds the bundle,
 * starts an emulator with one endpoint (endpoint tag DeploymentStage=dev, model tag ModelVersion=1.4.0),
 * clears its faults and kills what a test left running after each test, closes it at the end.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { SageMakerEmulator } from "../../../local/emulator";
import { deployEndpoint, REGION } from "./emulator";
import { emulatorEnvironment, spawnServe, type ServeProcess } from "./process";

/** What a bundle suite's tests use. */
export interface BundleSuite {
  /** The suite's emulator (inside a test). */
  emu(): SageMakerEmulator;
  /** Spawns `node serve.js ...args` for the suite's endpoint (exposing ModelVersion, DeploymentStage), `env` on top. */
  serve(args: string[], env?: Record<string, string>): ServeProcess;
}

/** Registers the suite's hooks for `endpoint`. */
export function useBundleSuite(endpoint: string): BundleSuite {
  let emu: SageMakerEmulator | undefined;
  const running: ServeProcess[] = [];
  before(async () => {
    await promisify(execFile)("npm", ["run", "build", "--silent"], { cwd: `${__dirname}/../../..` });
    emu = await SageMakerEmulator.start({ region: REGION });
    await deployEndpoint(emu, endpoint, { endpoint: { DeploymentStage: "dev" }, model: { ModelVersion: "1.4.0" } });
  });
  afterEach(async () => {
    emu?.clearFaults();
    for (const serve of running.splice(0)) {
      if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill("SIGKILL");
      await serve.exited;
    }
  });
  after(() => emu?.close());
  const current = (): SageMakerEmulator => {
    if (emu === undefined) throw new Error("the emulator runs only inside the suite");
    return emu;
  };
  return {
    emu: current,
    serve: (args, env = {}) => {
      const started = spawnServe(args, { ...emulatorEnvironment(current().url, endpoint, REGION, "ModelVersion,DeploymentStage"), ...env });
      running.push(started);
      return started;
    },
  };
}
