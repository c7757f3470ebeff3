/**
 * `npm start -- --update-to FILE`: updates the running local endpoint to another stack file's config (as
 * `pulumi up` would) and prints each phase of the blue/green deployment the emulator runs.
 */
import * as path from "node:path";
import { CliError, oneLine } from "../base/cli-error";
import { sageMakerClient } from "../base/sagemaker-client";
import { loadStackFile, StackFileError } from "../base/stack-file";
import type { LocalOptions } from "./cli-args";
import { watchDeployment, type DeploymentOutcome } from "./deployment-watch";
import { fleetChangeLine, variantModels } from "./fleet-change";
import type { LocalModeSession } from "./local-mode";

/** Runs the program with `stackFile`'s config on `session` and follows the deployment to its end. */
export async function runUpdate(session: LocalModeSession, options: LocalOptions, stackFile: string, say: (line: string) => void): Promise<DeploymentOutcome | null> {
  let config: Record<string, string>;
  try {
    config = loadStackFile(stackFile, options.configDir);
  } catch (error) {
    if (error instanceof StackFileError) throw new CliError(`--update-to: ${error.message}`);
    throw error;
  }
  say(`\n• update: running the program with ${path.relative(process.cwd(), stackFile) || stackFile} (a pulumi up of stack ${options.stack})`);
  const before = session.outputs;
  let after;
  try {
    after = await session.update(config);
  } catch (error) {
    throw new CliError(`--update-to: the Pulumi program failed: ${oneLine(error)}`);
  }
  if (after.endpointConfigName === before.endpointConfigName) {
    say(`• update: same fleet (${after.endpointConfigName}): tags and other in-place changes only, no deployment`);
    return null;
  }
  const client = sageMakerClient({ region: after.region, endpointUrl: session.emulatorUrl });
  try {
    const [oldModels, newModels] = await Promise.all([variantModels(client, before.endpointConfigName), variantModels(client, after.endpointConfigName)]);
    say(`• update: ${fleetChangeLine(oldModels, newModels, after.endpointConfigName)}; UpdateEndpoint started`);
    const started = Date.now();
    const outcome = await watchDeployment(client, after.endpointName, after.endpointConfigName, (line) => say(`  ${new Date().toISOString().slice(11, 23)} ${line}`));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    say(outcome.result === "deployed"
      ? `• update: deployed in ${seconds} s; the endpoint runs ${outcome.configName}`
      : `• update: ROLLED BACK after ${seconds} s; the endpoint still runs ${outcome.configName} (InService: compare the config, not the status)`);
    session.outputs = outcome.result === "deployed" ? after : before;
    return outcome;
  } finally {
    client.destroy();
  }
}
