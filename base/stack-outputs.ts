/**
 * Stack outputs as `pulumi stack output --json` prints them, read from the Pulumi CLI or from a JSON
 * file and validated, for the drift check, the integration suite and local mode (which writes them).
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { CliError, oneLine } from "./cli-error";

/** The outputs the program exports (see index.ts); every field is required. */
export interface StackOutputs {
  /** Name of the SageMaker endpoint. */
  endpointName: string;
  /** ARN of the endpoint. */
  endpointArn: string;
  /** Name of the endpoint configuration the endpoint runs. */
  endpointConfigName: string;
  /** ARN of the endpoint configuration. */
  endpointConfigArn: string;
  /** Name of the SageMaker model. */
  modelName: string;
  /** ARN of the model. */
  modelArn: string;
  /** ARN of the execution role the model runs as. */
  roleArn: string;
  /** URI of the inference image. */
  imageUri: string;
  /** AWS region of the stack. */
  region: string;
  /** The effective merged tag map put on every resource. */
  tags: Record<string, string>;
}

/** What local mode adds to the outputs file it writes, under the {@link LOCAL_METADATA_KEY} key. */
export interface LocalModeMetadata {
  /** Base URL of the SageMaker emulator serving the control plane and the runtime API. */
  emulatorUrl: string;
  /** The stack the outputs belong to. */
  stack: string;
}

/** Outputs read from a source, plus the local-mode metadata when the source was written by local mode. */
export interface StackOutputsSource {
  /** The validated outputs. */
  outputs: StackOutputs;
  /** Present only in an outputs file written by local mode. */
  local?: LocalModeMetadata;
}

/** Key of the local-mode metadata object in an outputs file written by `npm start`. */
export const LOCAL_METADATA_KEY = "_localMode";

const STRING_KEYS = [
  "endpointName",
  "endpointArn",
  "endpointConfigName",
  "endpointConfigArn",
  "modelName",
  "modelArn",
  "roleArn",
  "imageUri",
  "region",
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates parsed JSON as stack outputs (extra keys are allowed, as a stack may export more);
 * `origin` names the source in the one-line error.
 */
export function parseStackOutputs(value: unknown, origin: string): StackOutputsSource {
  if (!isRecord(value)) throw new CliError(`${origin}: stack outputs must be a JSON object`);
  const missing = [...STRING_KEYS, "tags"].filter((key) => value[key] === undefined);
  if (missing.length > 0) throw new CliError(`${origin}: missing stack output(s) ${missing.join(", ")}`);
  for (const key of STRING_KEYS) {
    if (typeof value[key] !== "string" || value[key] === "") {
      throw new CliError(`${origin}: stack output ${key} must be a non-empty string`);
    }
  }
  const tags = value.tags;
  if (!isRecord(tags) || Object.values(tags).some((v) => typeof v !== "string")) {
    throw new CliError(`${origin}: stack output tags must be an object of string values`);
  }
  const source: StackOutputsSource = { outputs: value as unknown as StackOutputs };
  const local = value[LOCAL_METADATA_KEY];
  if (local !== undefined) {
    if (!isRecord(local) || typeof local.emulatorUrl !== "string" || typeof local.stack !== "string") {
      throw new CliError(`${origin}: ${LOCAL_METADATA_KEY} must be an object with emulatorUrl and stack strings`);
    }
    source.local = { emulatorUrl: local.emulatorUrl, stack: local.stack };
  }
  return source;
}

function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${origin}: not valid JSON (${oneLine(error)})`);
  }
}

/** Reads and validates an outputs file (the JSON `pulumi stack output --json` prints, or local mode's). */
export async function readOutputsFile(path: string): Promise<StackOutputsSource> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`outputs file ${path} does not exist`);
    throw new CliError(`cannot read outputs file ${path}: ${oneLine(error)}`);
  }
  return parseStackOutputs(parseJson(text, `outputs file ${path}`), `outputs file ${path}`);
}

/**
 * Reads a stack's outputs with `pulumi stack output --json --show-secrets --stack NAME`, run in
 * `cwd` (default: the current directory); a missing CLI or a failing command is a one-line error.
 */
export function readPulumiStackOutputs(stack: string, cwd = process.cwd()): Promise<StackOutputsSource> {
  const args = ["stack", "output", "--json", "--show-secrets", "--stack", stack];
  return new Promise((resolve, reject) => {
    execFile("pulumi", args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT") {
        reject(new CliError("the Pulumi CLI (pulumi) is not on PATH; install it or pass an outputs file"));
      } else if (error) {
        const detail = oneLine(stderr) || oneLine(error);
        reject(new CliError(`pulumi stack output --stack ${stack} failed: ${detail}`));
      } else {
        const origin = `pulumi stack output --stack ${stack}`;
        try {
          resolve(parseStackOutputs(parseJson(stdout, origin), origin));
        } catch (parseError) {
          reject(parseError);
        }
      }
    });
  });
}
