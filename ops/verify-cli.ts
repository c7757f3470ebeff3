/**
 * `npm run verify -- --stack NAME [--outputs-file F] [--endpoint-url URL] [--config-dir DIR]`: after
 * `pulumi up`, checks that the stack's endpoint is InService on the endpoint configuration the stack
 * deployed. The provider reports success once the endpoint is InService, even when SageMaker rolled the
 * update back to the previous configuration; this command is what notices. Exit 0 ok, 1 not ok, 2 error.
 */
import { DescribeEndpointCommand, type DescribeEndpointCommandOutput } from "@aws-sdk/client-sagemaker";
import { CliError, oneLine, runMain } from "../base/cli-error";
import { formatUsage } from "../base/parse-flags";
import { STACK_TARGET_FLAGS, startStackCommand } from "../base/stack-target";
import { isNotFound } from "./stack-resources";
import { endpointVerdict } from "./endpoint-verdict";

/** verify's flags: what they parse to and what `--help` says. */
export const VERIFY_FLAGS = STACK_TARGET_FLAGS;

/** The text `--help` prints. */
export const USAGE = formatUsage(
  {
    usage: "npm run verify -- --stack NAME [--outputs-file F] [--endpoint-url URL] [--config-dir DIR]",
    summary: `Checks, after \`pulumi up\`, that the stack's endpoint is InService on the endpoint configuration the stack
deployed (stack output endpointConfigName). SageMaker rolls an update back to the previous configuration
when the new fleet fails or a rollback alarm fires, and \`pulumi up\` still reports success.`,
    footer: "Exit status: 0 the endpoint runs what the stack deployed, 1 it does not (rolled back, not InService,\nmissing), 2 usage or configuration error.",
  },
  VERIFY_FLAGS,
);

/** Runs the check for `argv`, writing the verdict with `write`; resolves to the exit code. */
export async function verifyMain(argv: string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const started = await startStackCommand(argv, VERIFY_FLAGS, USAGE, write);
  if (started === undefined) return 0;
  const { stack, outputs, client, where } = started.target;
  const endpoint = await client
    .send(new DescribeEndpointCommand({ EndpointName: outputs.endpointName }))
    .catch((error: unknown): DescribeEndpointCommandOutput | undefined => {
      if (isNotFound(error)) return undefined; // a ValidationException "Could not find endpoint ..."
      throw new CliError(`cannot describe endpoint ${outputs.endpointName} in ${where}: ${oneLine(error)}`);
    })
    .finally(() => client.destroy());
  const verdict = endpointVerdict({ stack, where, outputs, endpoint });
  write(`${verdict.ok ? "ok" : "FAILED"}: ${verdict.message}\n`);
  return verdict.ok ? 0 : 1;
}

if (require.main === module) runMain(() => verifyMain(process.argv.slice(2)));
