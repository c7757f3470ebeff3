/**
 * `npm run drift -- --stack NAME [--outputs-file F] [--endpoint-url URL] [--config-dir DIR]`: compares
 * the live tags of a stack's endpoint, endpoint configuration and model, and its variants' live weights,
 * with what its stack config says, prints the differences, and exits 0 (no drift), 1 (drift) or 2 (error).
 */
import { CliError, oneLine, runMain } from "../base/cli-error";
import { formatUsage, type FlagTable } from "../base/parse-flags";
import { STACK_TARGET_FLAGS, startStackCommand } from "../base/stack-target";
import { expectedLayerTags, expectedStackSettings } from "./expected-tags";
import { readLiveTags } from "./live-tags";
import { compareTags, formatDriftTable } from "./tag-drift";
import { compareWeights, formatWeightDrift, readLiveWeights } from "./weight-drift";

/** The drift check's flags: what they parse to and what `--help` says. */
export const DRIFT_FLAGS = {
  ...STACK_TARGET_FLAGS,
  stack: { ...STACK_TARGET_FLAGS.stack, description: "the stack whose config holds the expected tags" },
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
  const started = await startStackCommand(argv, DRIFT_FLAGS, USAGE, (text) => process.stdout.write(text));
  if (started === undefined) return 0;
  const { stack, configDir, outputs, client, where } = started.target;
  const settings = expectedStackSettings(stack, configDir);
  const [live, liveWeights] = await Promise.all([readLiveTags(client, outputs), readLiveWeights(client, outputs.endpointName)])
    .catch((error: unknown) => {
      throw new CliError(`cannot read the live tags and weights from ${where}: ${oneLine(error)}`);
    })
    .finally(() => client.destroy());
  const differences = compareTags(expectedLayerTags(settings), live);
  const weights = compareWeights(settings, liveWeights);
  process.stdout.write(`Tag drift of stack ${stack} (endpoint ${outputs.endpointName}) in ${where}:\n`);
  process.stdout.write(`${formatDriftTable(differences)}\n`);
  if (weights.length > 0) process.stdout.write(`${formatWeightDrift(weights)}\n`);
  return differences.length === 0 && weights.length === 0 ? 0 : 1;
}

if (require.main === module) runMain(() => driftMain(process.argv.slice(2)));
