/** Turns the chosen integration target into stack outputs and endpoints to check, starting local mode if needed. */
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { readOutputsFile, readPulumiStackOutputs, type StackOutputs } from "../../base/stack-outputs";
import { isAlive, ROOT, startLocalMode } from "./cli-processes";
import type { TargetChoice, TargetProbes } from "./target";

/** A target ready to be checked. */
export interface ResolvedTarget {
  /** What the suite runs against, for its output. */
  label: string;
  /** The stack outputs. */
  outputs: StackOutputs;
  /** The SageMaker endpoint URL (control plane and runtime) of local mode; undefined for AWS. */
  endpointUrl?: string;
  /** Stops what the suite started (nothing for AWS). Resolves once every started process is gone. */
  stop(): Promise<void>;
}

/** Probes of the real environment. */
export const realProbes: TargetProbes = {
  hasPulumiCli: () => new Promise((resolve) => execFile("pulumi", ["version"], (error) => resolve(!error))),
  hasAwsCredentials: async () => {
    const client = new SageMakerClient({});
    try {
      await client.config.credentials();
      return true;
    } catch {
      return false;
    } finally {
      client.destroy();
    }
  },
};

/** Whether an outputs file was written by local mode. */
export async function isLocalOutputsFile(file: string): Promise<boolean> {
  return (await readOutputsFile(file)).local !== undefined;
}

/**
 * Starts local mode for the dev stack on a free port, writing its outputs to a temp file. With
 * `INTEGRATION_IMAGE=1` it runs the inference image (`--image`, built beforehand by `npm run test:image`
 * or `npm start -- --image`) instead of the Node process.
 */
async function startOwnLocalMode(): Promise<ResolvedTarget> {
  const dir = await mkdtemp(path.join(tmpdir(), "integration-local-"));
  const outputsFile = path.join(dir, "outputs.json");
  const image = process.env.INTEGRATION_IMAGE === "1";
  const local = await startLocalMode(["--port", "0", "--outputs-file", outputsFile, ...(image ? ["--image"] : [])], false, image ? 55_000 : 40_000);
  const { outputs, local: metadata } = await readOutputsFile(outputsFile);
  return {
    label: `local mode (an emulation, not AWS) running the ${image ? "image with podman" : "container as a Node process"}: local/cli.ts pid ${local.child.pid}, emulator ${metadata?.emulatorUrl}`,
    outputs,
    endpointUrl: metadata?.emulatorUrl,
    stop: async () => {
      const code = await local.stop();
      await rm(dir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`local mode exited with code ${code} on SIGTERM`);
      if (isAlive(local.containerPid)) throw new Error(`the container (pid ${local.containerPid}) outlived local mode`);
    },
  };
}

/** Resolves a non-skip target choice. */
export async function resolveTarget(choice: Exclude<TargetChoice, { kind: "skip" }>): Promise<ResolvedTarget> {
  const none = async (): Promise<void> => undefined;
  switch (choice.kind) {
    case "local":
      return startOwnLocalMode();
    case "stack": {
      const { outputs } = await readPulumiStackOutputs(choice.stack, ROOT);
      return { label: `AWS: stack ${choice.stack} (${outputs.region}) via pulumi stack output`, outputs, stop: none };
    }
    case "outputsFile": {
      const { outputs, local } = await readOutputsFile(choice.path);
      const label = local
        ? `a running local mode (an emulation, not AWS) at ${local.emulatorUrl}, outputs ${choice.path}`
        : `AWS (${outputs.region}), outputs ${choice.path}`;
      return { label, outputs, endpointUrl: local?.emulatorUrl, stop: none };
    }
  }
}
