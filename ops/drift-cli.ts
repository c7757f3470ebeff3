/**
 * `npm run drift -- --stack NAME [--outputs-file F] [--endpoint-url URL] [--config-dir DIR]`: compares
 * the live tags of a stack's endpoint, endpoint configuration and model with what its stack config says,
 * prints a table of differences, and exits 0 (no drift), 1 (drift) or 2 (error).
 */
import * as path from "node:path";
import { CliError, oneLine, runMain } from "../base/cli-error";
import { expectedStackTags } from "./expected-tags";
import { readLiveTags } from "./live-tags";
import { sageMakerClient } from "../base/sagemaker-client";
import { parseFlags } from "../base/parse-flags";
import { readOutputsFile, readPulumiStackOutputs, type StackOutputsSource } from "../base/stack-outputs";
import { compareTags, formatDriftTable } from "./tag-drift";

const USAGE = `Usage: npm run drift -- --stack NAME [--outputs-file F] [--endpoint-url URL] [--config-dir DIR]

Compares the live tags of the stack's endpoint, endpoint configuration and model (ListTags, all pages)
with the tags its stack config says (Pulumi.NAME.yaml), and prints the differences.

  --stack NAME          the stack whose config holds the expected tags             default: dev
  --outputs-file F      read the stack outputs from F (for example local mode's .local/NAME/outputs.json)
                        instead of \`pulumi stack output --json --stack NAME\`
  --endpoint-url URL    SageMaker endpoint to query (the local emulator); default: the URL in a local-mode
                        outputs file, else AWS with the default credential chain and the stack's region
  --config-dir DIR      directory with Pulumi.yaml and Pulumi.NAME.yaml             default: the project root
  --help                print this text

Exit status: 0 no drift, 1 drift found, 2 error.`;

const FLAGS = {
  stack: { type: "string", default: "dev" },
  "outputs-file": { type: "string" },
  "endpoint-url": { type: "string" },
  "config-dir": { type: "string" },
  help: { type: "boolean", default: false },
} as const;

/** Runs the drift check for `argv`; resolves to the exit code. */
export async function driftMain(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
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
