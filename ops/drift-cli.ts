/**
 * `npm run drift -- --stack NAME [--outputs-file F] [--endpoint-url URL] [--config-dir DIR]`: compares
 * the live tags of a stack's endpoint, endpoint configuration and model with what its stack config says,
 * prints a table of differences, and exits 0 (no drift), 1 (drift) or 2 (error).
 */
// The SDK warns on every run that its releases from 2027 need Node 22; this project supports Node 20.19+
// with the pinned SDK, so the warning is not actionable for a user of this command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
import * as path from "node:path";
import { CliError, oneLine, runMain } from "../base/cli-error";
import { expectedStackTags } from "./expected-tags";
import { readLiveTags } from "./live-tags";
import { sageMakerClient } from "../base/sagemaker-client";
import { formatUsage, parseFlags, type FlagTable } from "../base/parse-flags";
import { readOutputsFile, readPulumiStackOutputs, type StackOutputsSource } from "../base/stack-outputs";
import { compareTags, formatDriftTable } from "./tag-drift";

/** The drift check's flags: what they parse to and what `--help` says. */
export const DRIFT_FLAGS = {
  stack: { type: "string", value: "NAME", default: "dev", description: "the stack whose config holds the expected tags" },
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

/** The text `--help` prints. */
export const USAGE = formatUsage(
  {
    usage: "npm run drift -- --stack NAME [--outputs-file F] [--endpoint-url URL] [--config-dir DIR]",
    summary: `Compares the live tags of the stack's endpoint, endpoint configuration and model (ListTags, all pages)
with the tags its stack config says (Pulumi.NAME.yaml), and prints the differences.`,
    footer: "Exit status: 0 no drift, 1 drift found, 2 error.",
  },
  DRIFT_FLAGS,
);

/** Runs the drift check for `argv`; resolves to the exit code. */
export async function driftMain(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, DRIFT_FLAGS);
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const configDir = path.resolve(flags["config-dir"] ?? path.join(__dirname, ".."));
  const expected = expectedStackTags(flags.stack, configDir);
  const source: StackOutputsSource = flags["outputs-file"]
    ? await readOutputsFile(path.resolve(flags["outputs-file"]))
    : await readPulumiStackOutputs(flags.stack, configDir);
  const { outputs } = source;
  if (source.local && source.local.stack !== flags.stack) {
    throw new CliError(`the outputs file was written by local mode for stack ${source.local.stack}, not ${flags.stack}; pass --stack ${source.local.stack}`);
  }
  const endpointUrl = flags["endpoint-url"] ?? source.local?.emulatorUrl;
  const where = endpointUrl ? `the SageMaker API at ${endpointUrl}` : `AWS (${outputs.region})`;
  const client = sageMakerClient({ region: outputs.region, endpointUrl });
  const live = await readLiveTags(client, outputs)
    .catch((error: unknown) => {
      throw new CliError(`cannot read the live tags from ${where}: ${oneLine(error)}`);
    })
    .finally(() => client.destroy());
  const differences = compareTags({ endpoint: expected, endpointConfig: expected, model: expected }, live);
  process.stdout.write(`Tag drift of stack ${flags.stack} (endpoint ${outputs.endpointName}) in ${where}:\n`);
  process.stdout.write(`${formatDriftTable(differences)}\n`);
  return differences.length === 0 ? 0 : 1;
}

if (require.main === module) runMain(() => driftMain(process.argv.slice(2)));
