/**
 * `npm run cleanup -- --stack NAME [--apply] [--outputs-file F] [--endpoint-url URL] [--config-dir DIR]`:
 * the program keeps replaced Models and EndpointConfigurations (retainOnDelete), because a rolled-back
 * endpoint still runs them. This lists the stack's ones (by its pulumi:project/pulumi:stack tags), keeps
 * every one an endpoint references and the stack's current ones, and deletes the rest with --apply.
 * Exit 0 done (or dry run), 1 a deletion failed, 2 usage or configuration error.
 */
import { DeleteEndpointConfigCommand, DeleteModelCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { CliError, oneLine, runMain } from "../base/cli-error";
import { formatUsage, type FlagTable } from "../base/parse-flags";
import { STACK_TARGET_FLAGS, startStackCommand } from "../base/stack-target";
import { countDeletions, formatCleanupTable, planCleanup, type CleanupDecision } from "./cleanup-plan";
import { isNotFound, listOwned, listReferenced } from "./stack-resources";

/** cleanup's flags: what they parse to and what `--help` says. */
export const CLEANUP_FLAGS = {
  apply: { type: "boolean", description: "delete; without it, a dry run that only prints what it would do" },
  ...STACK_TARGET_FLAGS,
} as const satisfies FlagTable;

/** The text `--help` prints. */
export const USAGE = formatUsage(
  {
    usage: "npm run cleanup -- --stack NAME [--apply] [--outputs-file F] [--endpoint-url URL] [--config-dir DIR]",
    summary: `Lists the stack's SageMaker models and endpoint configurations (tags pulumi:project and pulumi:stack), and
deletes those that no endpoint references (DescribeEndpoint of every endpoint, including a deployment in
progress) and that are not the stack's current ones. Without --apply it only prints what it would do.`,
    footer: "Exit status: 0 done (or dry run), 1 a deletion failed, 2 usage or configuration error.",
  },
  CLEANUP_FLAGS,
);

/** Runs cleanup for `argv`, writing the table and summary with `write`; resolves to the exit code. */
export async function cleanupMain(argv: string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const started = await startStackCommand(argv, CLEANUP_FLAGS, USAGE, write);
  if (started === undefined) return 0;
  const { flags, target: { stack, outputs, client, where } } = started;
  try {
    const project = outputs.tags["pulumi:project"];
    const owner = outputs.tags["pulumi:stack"];
    if (!project || !owner) throw new CliError("stack output tags has no pulumi:project and pulumi:stack tags; cannot tell which resources the stack owns");
    const decisions = await readPlan(client, where, { project, stack: owner }, outputs);
    write(`Cleanup of stack ${stack} (project ${project}) in ${where}:\n${formatCleanupTable(decisions)}\n`);
    const doomed = decisions.filter((decision) => decision.action === "delete");
    if (doomed.length === 0) {
      write("Nothing to delete.\n");
      return 0;
    }
    if (!flags.apply) {
      write(`Dry run: would delete ${countDeletions(decisions)}; nothing was deleted. Run again with --apply to delete them.\n`);
      return 0;
    }
    const failures = await deleteAll(client, doomed, write);
    if (failures > 0) {
      write(`${failures} of ${doomed.length} deletions failed.\n`);
      return 1;
    }
    write(`Deleted ${countDeletions(decisions)}.\n`);
    return 0;
  } finally {
    client.destroy();
  }
}

async function readPlan(
  client: SageMakerClient,
  where: string,
  owner: { project: string; stack: string },
  current: { endpointConfigName: string; modelName: string },
): Promise<CleanupDecision[]> {
  try {
    const [owned, referenced] = [await listOwned(client, owner), await listReferenced(client)];
    return planCleanup({ owned, referenced, current: { config: current.endpointConfigName, model: current.modelName } });
  } catch (error) {
    throw new CliError(`cannot read the stack's resources from ${where}: ${oneLine(error)}`);
  }
}

/** Deletes configurations before models (a configuration names its models); returns how many failed. */
async function deleteAll(client: SageMakerClient, doomed: CleanupDecision[], write: (text: string) => void): Promise<number> {
  let failures = 0;
  for (const { kind, name } of doomed) {
    const deletion =
      kind === "endpoint-config"
        ? client.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name }))
        : client.send(new DeleteModelCommand({ ModelName: name }));
    await deletion.then(undefined, (error: unknown) => {
      if (isNotFound(error)) return; // already gone: the goal is met
      failures += 1;
      write(`error: deleting ${kind} ${name}: ${oneLine(error)}\n`);
    });
  }
  return failures;
}

if (require.main === module) runMain(() => cleanupMain(process.argv.slice(2)));
