/**
 * Runs the SageMaker emulator standalone:
 *   npx ts-node --transpile-only local/emulator/cli.ts [--port 4599] [--host 127.0.0.1] [--region us-east-1]
 *     [--account-id 123456789012] [--endpoint-creation-delay-ms 0] [--deployment-speedup 1]
 *     [--list-tags-page-size 50] [--help]
 * Prints its URL, serves until SIGINT/SIGTERM, then closes cleanly. A bad flag or an unusable port: a
 * one-line error on stderr, exit 2.
 */
import { oneLine } from "../../base/cli-error";
import { formatUsage, parseFlags, type FlagTable } from "../../base/parse-flags";
import { SageMakerEmulator } from "./emulator";
import { DEFAULT_OPTIONS, EmulatorOptions, withoutUndefined } from "./options";

/** The emulator CLI's flags: what they parse to and what `--help` says. */
export const EMULATOR_FLAGS = {
  port: { type: "integer", min: 0, max: 65535, default: 4599, description: "TCP port, 0 = any free port" },
  host: { type: "string", value: "H", defaultText: DEFAULT_OPTIONS.host, description: "interface to listen on" },
  region: { type: "string", value: "R", defaultText: DEFAULT_OPTIONS.region, description: "region in every ARN" },
  "account-id": { type: "string", value: "ID", defaultText: DEFAULT_OPTIONS.accountId, description: "12-digit account id in every ARN" },
  "endpoint-creation-delay-ms": {
    type: "integer",
    value: "MS",
    min: 0,
    max: 3_600_000,
    defaultText: String(DEFAULT_OPTIONS.endpointCreationDelayMs),
    description: "how long a new endpoint stays Creating (and a new fleet without a container)",
  },
  "deployment-speedup": {
    type: "integer",
    value: "N",
    min: 1,
    max: 100_000,
    defaultText: "1",
    description: "run blue/green deployment waits N times faster than configured",
  },
  "list-tags-page-size": {
    type: "integer",
    min: 1,
    max: 1000,
    defaultText: String(DEFAULT_OPTIONS.listTagsPageSize),
    description: "the most tags one ListTags page holds",
  },
} as const satisfies FlagTable;

/** The text `--help` prints. */
export const USAGE = formatUsage(
  {
    usage: "npx ts-node --transpile-only local/emulator/cli.ts [flags]",
    summary: "A local SageMaker emulation (not AWS) on loopback; serves until SIGINT/SIGTERM.",
  },
  EMULATOR_FLAGS,
);

/** Parses the command line into options (default port 4599); throws a one-line CliError on a bad flag. Returns "help" for `--help`. */
export function parseArgs(args: string[]): EmulatorOptions | "help" {
  const flags = parseFlags(args, EMULATOR_FLAGS);
  if (flags.help) return "help";
  return withoutUndefined({
    port: flags.port,
    host: flags.host,
    region: flags.region,
    accountId: flags["account-id"],
    endpointCreationDelayMs: flags["endpoint-creation-delay-ms"],
    deploymentTimeFactor: flags["deployment-speedup"] === undefined ? undefined : 1 / flags["deployment-speedup"],
    listTagsPageSize: flags["list-tags-page-size"],
  });
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const emulator = await SageMakerEmulator.start(options);
  console.log(`SageMaker emulator (an emulation, not AWS) listening on ${emulator.url}`);
  console.log(`  control plane: aws sagemaker list-endpoints --endpoint-url ${emulator.url} --region ${emulator.region}`);
  console.log(`  runtime:       POST ${emulator.url}/endpoints/<name>/invocations`);
  console.log(`  admin:         ${emulator.url}/_emulator/calls, /_emulator/faults, /_emulator/containers, /_emulator/roles, /_emulator/deployment-fault`);
  const stop = (signal: string) => {
    console.log(`${signal}: stopping the emulator`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`emulator: ${oneLine(error)}`);
    process.exit(2);
  });
}
