// A stack's SageMaker resources in the emulator, made with the real SDK, and an outputs file naming them.
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { StackOutputs } from "../../base/stack-outputs";

/** The tags the program puts on the dev stack's resources (the ones that say who owns them). */
export const DEV_TAGS = { "pulumi:project": "tagged-endpoint", "pulumi:stack": "dev", ManagedBy: "pulumi" };

const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/tagged-endpoint-dev@sha256:" + "a".repeat(64);
const ROLE = "arn:aws:iam::123456789012:role/execution-role-1234567";

function tagList(tags: Record<string, string>) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Creates a Model named `name` with `tags`. */
export async function createModel(sm: SageMakerClient, name: string, tags: Record<string, string> = DEV_TAGS): Promise<void> {
  await sm.send(new CreateModelCommand({ ModelName: name, ExecutionRoleArn: ROLE, PrimaryContainer: { Image: IMAGE }, Tags: tagList(tags) }));
}

/** Creates an endpoint configuration named `name` whose one variant runs `model`. */
export async function createConfig(sm: SageMakerClient, name: string, model: string, tags: Record<string, string> = DEV_TAGS): Promise<void> {
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [{ VariantName: "AllTraffic", ModelName: model, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }],
      Tags: tagList(tags),
    }),
  );
}

/** Creates an endpoint named `name` on configuration `config`. */
export async function createEndpoint(sm: SageMakerClient, name: string, config: string): Promise<void> {
  await sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config, Tags: tagList(DEV_TAGS) }));
}

/** A temporary outputs file (the shape of `pulumi stack output --json`), removed by `remove`. */
export function writeOutputsFile(names: { endpoint: string; config: string; model: string }): { file: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "safe-ops-"));
  const arn = (kind: string, name: string) => `arn:aws:sagemaker:us-east-1:123456789012:${kind}/${name.toLowerCase()}`;
  const outputs: StackOutputs = {
    endpointName: names.endpoint,
    endpointArn: arn("endpoint", names.endpoint),
    endpointConfigName: names.config,
    endpointConfigArn: arn("endpoint-config", names.config),
    modelName: names.model,
    modelArn: arn("model", names.model),
    roleArn: ROLE,
    imageUri: IMAGE,
    region: "us-east-1",
    tags: { ModelVersion: "1.4.0", ...DEV_TAGS },
  };
  const file = path.join(dir, "outputs.json");
  writeFileSync(file, JSON.stringify(outputs));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An operator command's main: argv and a writer in, exit code out. */
type CommandMain = (argv: string[], write: (text: string) => void) => Promise<number>;

/**
 * Runs `main` for stack dev in-process against the emulator at `emulatorUrl`, with an outputs file naming
 * `names` and `extra` flags; resolves to the exit code and everything it wrote.
 */
export async function runCommand(
  main: CommandMain,
  emulatorUrl: string,
  names: { endpoint: string; config: string; model: string },
  extra: string[] = [],
): Promise<{ code: number; out: string }> {
  const outputs = writeOutputsFile(names);
  let out = "";
  try {
    const code = await main(["--stack", "dev", "--outputs-file", outputs.file, "--endpoint-url", emulatorUrl, ...extra], (text) => void (out += text));
    return { code, out };
  } finally {
    outputs.remove();
  }
}
