/**
 * The stack an operator command works on: its outputs (from `pulumi stack output --json` or an outputs
 * file) and a SageMaker client for where it lives (AWS in the stack's region, or the emulator by URL).
 * The drift check, verify and cleanup share these flags and this resolution.
 */
import * as path from "node:path";
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { CliError } from "./cli-error";
import { parseFlags, type FlagTable, type FlagValues } from "./parse-flags";
import { sageMakerClient } from "./sagemaker-client";
import { DEFAULT_PROJECT_ROOT } from "./stack-file";
import { readOutputsFile, readPulumiStackOutputs, type StackOutputs } from "./stack-outputs";

/** The flags that choose the stack and where to reach it, shared by the operator commands. */
export const STACK_TARGET_FLAGS = {
  stack: { type: "string", value: "NAME", default: "dev", description: "the stack" },
  "outputs-file": {
    type: "string",
    value: "F",
    description: "read the stack outputs from F (e.g. local mode's .local/NAME/outputs.json) instead of `pulumi stack output --json --stack NAME`",
  },
  "endpoint-url": {
    type: "string",
    value: "URL",
    defaultText: "the URL in a local-mode outputs file, else AWS with the default credential chain and the stack's region",
    description: "SageMaker endpoint to query, e.g. the local emulator",
  },
  "config-dir": { type: "string", value: "DIR", defaultText: "the project root", description: "directory with Pulumi.yaml and Pulumi.NAME.yaml" },
} as const satisfies FlagTable;

/** Parsed values of {@link STACK_TARGET_FLAGS}. */
export interface StackTargetFlags {
  /** The stack name (default `dev`). */
  stack: string;
  /** An outputs file to read instead of asking the Pulumi CLI (default: ask the CLI). */
  "outputs-file"?: string;
  /** The SageMaker API URL (default: a local-mode file's emulator, else AWS). */
  "endpoint-url"?: string;
  /** The project directory (default: the project root). */
  "config-dir"?: string;
}

/** A resolved stack: its outputs and a client for its SageMaker API. */
export interface StackTarget {
  /** The stack name. */
  stack: string;
  /** The project directory the stack's files are in. */
  configDir: string;
  /** The stack outputs. */
  outputs: StackOutputs;
  /** The SageMaker client (destroy it when done). */
  client: SageMakerClient;
  /** Where the client points, for messages: `AWS (<region>)` or `the SageMaker API at <url>`. */
  where: string;
}

/** Reads the stack outputs the flags name and makes a SageMaker client for them. */
export async function resolveStackTarget(flags: StackTargetFlags): Promise<StackTarget> {
  const configDir = path.resolve(flags["config-dir"] ?? DEFAULT_PROJECT_ROOT);
  const source = flags["outputs-file"]
    ? await readOutputsFile(path.resolve(flags["outputs-file"]))
    : await readPulumiStackOutputs(flags.stack, configDir);
  if (source.local && source.local.stack !== flags.stack) {
    throw new CliError(`the outputs file was written by local mode for stack ${source.local.stack}, not ${flags.stack}; pass --stack ${source.local.stack}`);
  }
  const { outputs } = source;
  const endpointUrl = flags["endpoint-url"] ?? source.local?.emulatorUrl;
  return {
    stack: flags.stack,
    configDir,
    outputs,
    client: sageMakerClient({ region: outputs.region, endpointUrl }),
    where: endpointUrl ? `the SageMaker API at ${endpointUrl}` : `AWS (${outputs.region})`,
  };
}

/**
 * The start every operator command shares: parses `argv` with `table` (the stack-target flags and the
 * command's own); on `--help` writes `usage` and resolves to undefined, else to the flags and the stack
 * they name.
 */
export async function startStackCommand<T extends FlagTable & Record<keyof typeof STACK_TARGET_FLAGS, unknown>>(
  argv: readonly string[],
  table: T,
  usage: string,
  write: (text: string) => void,
): Promise<{ flags: FlagValues<T>; target: StackTarget } | undefined> {
  // T has the stack-target flags (a command may reword their help), so its values hold theirs (TypeScript cannot see that through a generic).
  const flags = parseFlags(argv, table) as FlagValues<T> & FlagValues<typeof STACK_TARGET_FLAGS>;
  if (flags.help) {
    write(`${usage}\n`);
    return undefined;
  }
  return { flags, target: await resolveStackTarget(flags) };
}
