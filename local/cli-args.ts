/** Command-line options of local mode (`npm start -- [flags]`). */
import * as path from "node:path";
import { CliError } from "../base/cli-error";
import { parseFlags, parseIntegerFlag } from "../base/parse-flags";

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
  /** Model directory handed to the container as `SM_MODEL_DIR`. Default `container/model`. */
  modelDir: string;
  /** How long the container may take to answer `/ping` with 200, in seconds. Default 30. */
  startupTimeoutSeconds: number;
  /**
   * A stack file (`Pulumi.<name>.yaml`, any directory) to update the running endpoint to once it serves,
   * printing each deployment phase. Default null: no update.
   */
  updateTo: string | null;
}

/** Root of the project (the directory holding `Pulumi.yaml` and `index.ts`). */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** The default emulator port of local mode. */
export const DEFAULT_PORT = 4599;

/** Usage text printed by `--help`. */
export const USAGE = `Usage: npm start -- [flags]

Local mode: evaluates the real Pulumi program with Pulumi's mock runtime against a local SageMaker
emulator and runs the inference container as a local process. This is an emulation, not a deployment:
nothing is created in AWS and no AWS account is needed.

Flags:
  --stack NAME             stack to emulate (reads Pulumi.NAME.yaml)               default: dev
  --port N                 emulator port on 127.0.0.1, 0 = any free port           default: ${DEFAULT_PORT}
  --once                   deploy, invoke once, print the response and exit
  --outputs-file PATH      where to write the stack outputs            default: .local/<stack>/outputs.json
  --config-dir DIR         directory with Pulumi.yaml and Pulumi.<stack>.yaml      default: the project root
  --model-dir DIR          model directory for the container (SM_MODEL_DIR)        default: container/model
  --startup-timeout SECS   how long the container may take to become healthy      default: 30
  --update-to FILE         once serving, update the endpoint to this stack file's config (a pulumi up)
                           and print each blue/green deployment phase
  --help                   print this text`;

const FLAGS = {
  stack: { type: "string", default: "dev" },
  port: { type: "string", default: String(DEFAULT_PORT) },
  once: { type: "boolean", default: false },
  "outputs-file": { type: "string" },
  "config-dir": { type: "string" },
  "model-dir": { type: "string" },
  "startup-timeout": { type: "string", default: "30" },
  "update-to": { type: "string" },
  help: { type: "boolean", default: false },
} as const;

/** Pulumi's stack name rule (letters, digits, `-`, `_`, `.`). */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Parses local mode's flags; relative paths resolve against `cwd`. Returns "help" for `--help`. */
export function parseLocalArgs(argv: string[], cwd = process.cwd()): LocalOptions | "help" {
  const values = parseFlags(argv, FLAGS);
  if (values.help) return "help";
  const stack = values.stack;
  if (!STACK_NAME.test(stack)) throw new CliError(`--stack "${stack}" is not a valid stack name (letters, digits, - _ .)`);
  return {
    stack,
    port: parseIntegerFlag("port", values.port, 0, 65535),
    once: values.once,
    outputsFile: values["outputs-file"]
      ? path.resolve(cwd, values["outputs-file"])
      : path.join(PROJECT_ROOT, ".local", stack, "outputs.json"),
    configDir: path.resolve(cwd, values["config-dir"] ?? PROJECT_ROOT),
    modelDir: path.resolve(cwd, values["model-dir"] ?? path.join(PROJECT_ROOT, "container", "model")),
    startupTimeoutSeconds: parseIntegerFlag("startup-timeout", values["startup-timeout"], 1, 600),
    updateTo: values["update-to"] ? path.resolve(cwd, values["update-to"]) : null,
  };
}
