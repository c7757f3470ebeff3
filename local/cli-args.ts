/** Command-line options of local mode (`npm start -- [flags]`). */
import * as path from "node:path";
import { CliError } from "../base/cli-error";
import { formatUsage, parseFlags, type FlagTable } from "../base/parse-flags";

/** Options of one local-mode run. */
export interface LocalOptions {
  /** Stack to emulate; its settings come from `Pulumi.<stack>.yaml` in {@link configDir}. Default `dev`. */
  stack: string;
  /** Loopback port of the SageMaker emulator; 0 picks a free one. Default 4599. */
  port: number;
  /** Deploy, invoke the endpoint once, print the response and exit. Default false (serve until Ctrl-C). */
  once: boolean;
  /** Where the stack outputs (plus local-mode metadata) are written. Default `.local/<stack>/outputs.json`. */
  outputsFile: string;
  /** Directory holding `Pulumi.yaml` and `Pulumi.<stack>.yaml`. Default: the project root. */
  configDir: string;
  /**
   * Model directory handed to the container as `SM_MODEL_DIR`. Default: the Model's archive from config
   * `model.path`, unpacked read-only; without one `container/model` (see local/model-directory.ts).
   */
  modelDir: string | undefined;
  /** How long the container may take to answer `/ping` with 200, in seconds. Default 30. */
  startupTimeoutSeconds: number;
  /**
   * A stack file (`Pulumi.<name>.yaml`, any directory) to update the running endpoint to once it serves,
   * printing each deployment phase. Default null: no update.
   */
  updateTo: string | null;
  /** Deployment waits run this many times faster than configured (300 s of baking: 3 s at 100). Default 100. */
  deploymentSpeedup: number;
  /** Build the inference image (buildah) and run it with podman instead of the Node process. Default false. */
  image: boolean;
}

/** Root of the project (the directory holding `Pulumi.yaml` and `index.ts`). */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** The default emulator port of local mode. */
export const DEFAULT_PORT = 4599;

/** Local mode's flags: what they parse to and what `--help` says. */
export const LOCAL_FLAGS = {
  stack: { type: "string", value: "NAME", default: "dev", description: "stack to emulate, configured by Pulumi.NAME.yaml" },
  port: { type: "integer", min: 0, max: 65535, default: DEFAULT_PORT, description: "emulator port on 127.0.0.1, 0 = any free port" },
  once: { type: "boolean", description: "deploy, invoke once, print the response and exit" },
  "outputs-file": { type: "string", value: "PATH", defaultText: ".local/<stack>/outputs.json", description: "where to write the stack outputs" },
  "config-dir": { type: "string", value: "DIR", defaultText: "the project root", description: "directory with Pulumi.yaml and Pulumi.<stack>.yaml" },
  "model-dir": { type: "string", value: "DIR", defaultText: "the stack's model archive, unpacked", description: "the container's model directory, its SM_MODEL_DIR" },
  "startup-timeout": { type: "integer", value: "SECS", min: 1, max: 600, default: 30, description: "how long the container may take to become healthy" },
  "deployment-speedup": {
    type: "integer",
    value: "N",
    min: 1,
    max: 100_000,
    default: 100,
    description: "run blue/green deployment waits N times faster than the stack configures",
  },
  "update-to": { type: "string", value: "FILE", description: "once serving, update to this stack file's config (a pulumi up) and print each deployment phase" },
  image: { type: "boolean", description: "build the inference image (buildah) and run it with podman instead of a Node process" },
} as const satisfies FlagTable;

/** Usage text printed by `--help`. */
export const USAGE = formatUsage(
  {
    usage: "npm start -- [flags]",
    summary: `Local mode: evaluates the real Pulumi program with Pulumi's mock runtime against a local SageMaker
emulator and runs the inference container as a local process. This is an emulation, not a deployment:
nothing is created in AWS and no AWS account is needed.`,
  },
  LOCAL_FLAGS,
);

/** Pulumi's stack name rule (letters, digits, `-`, `_`, `.`). */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Parses local mode's flags; relative paths resolve against `cwd`. Returns "help" for `--help`. */
export function parseLocalArgs(argv: string[], cwd = process.cwd()): LocalOptions | "help" {
  const values = parseFlags(argv, LOCAL_FLAGS);
  if (values.help) return "help";
  const stack = values.stack;
  if (!STACK_NAME.test(stack)) throw new CliError(`--stack "${stack}" is not a valid stack name (letters, digits, - _ .)`);
  return {
    stack,
    port: values.port,
    once: values.once,
    outputsFile: values["outputs-file"]
      ? path.resolve(cwd, values["outputs-file"])
      : path.join(PROJECT_ROOT, ".local", stack, "outputs.json"),
    configDir: path.resolve(cwd, values["config-dir"] ?? PROJECT_ROOT),
    modelDir: values["model-dir"] === undefined ? undefined : path.resolve(cwd, values["model-dir"]),
    startupTimeoutSeconds: values["startup-timeout"],
    updateTo: values["update-to"] ? path.resolve(cwd, values["update-to"]) : null,
    deploymentSpeedup: values["deployment-speedup"],
    image: values.image,
  };
}
