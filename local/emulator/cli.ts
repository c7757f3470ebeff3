/**
 * Runs the SageMaker emulator standalone:
 *   npx ts-node --transpile-only local/emulator/cli.ts [--port 4599] [--host 127.0.0.1] [--region us-east-1]
 *     [--account-id 123456789012] [--endpoint-creation-delay-ms 0] [--list-tags-page-size 50]
 * Prints its URL, serves until SIGINT/SIGTERM, then closes cleanly. A bad flag or an unusable port: a
 * one-line error on stderr, exit 2.
 */
import { SageMakerEmulator } from "./emulator";
import { DEFAULT_OPTIONS, EmulatorOptions } from "./options";

const USAGE = `usage: cli.ts [--port N] [--host H] [--region R] [--account-id ID] [--endpoint-creation-delay-ms MS] [--list-tags-page-size N]
A local SageMaker emulation (not AWS) on loopback. Defaults: --host ${DEFAULT_OPTIONS.host} --port 4599.`;

type Flag = { key: keyof EmulatorOptions; numeric: boolean };

const FLAGS: Record<string, Flag> = {
  "--port": { key: "port", numeric: true },
  "--host": { key: "host", numeric: false },
  "--region": { key: "region", numeric: false },
  "--account-id": { key: "accountId", numeric: false },
  "--endpoint-creation-delay-ms": { key: "endpointCreationDelayMs", numeric: true },
  "--list-tags-page-size": { key: "listTagsPageSize", numeric: true },
};

/** Parses the command line into options (default port 4599); throws a one-line Error on a bad flag. */
export function parseArgs(args: string[]): EmulatorOptions {
  const options: Record<string, string | number> = { port: 4599 };
  for (let i = 0; i < args.length; i += 2) {
    const flag = FLAGS[args[i]];
    if (flag === undefined) throw new Error(`unknown argument ${JSON.stringify(args[i])}`);
    const value = args[i + 1];
    if (value === undefined) throw new Error(`${args[i]} needs a value`);
    if (flag.numeric && !/^\d+$/.test(value)) throw new Error(`${args[i]} must be a whole number, got ${JSON.stringify(value)}`);
    options[flag.key] = flag.numeric ? Number(value) : value;
  }
  return options as EmulatorOptions;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const emulator = await SageMakerEmulator.start(parseArgs(args));
  console.log(`SageMaker emulator (an emulation, not AWS) listening on ${emulator.url}`);
  console.log(`  control plane: aws sagemaker list-endpoints --endpoint-url ${emulator.url} --region ${emulator.region}`);
  console.log(`  runtime:       POST ${emulator.url}/endpoints/<name>/invocations`);
  console.log(`  admin:         ${emulator.url}/_emulator/calls, /_emulator/faults, /_emulator/containers, /_emulator/roles`);
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
    console.error(`emulator: ${error instanceof Error ? error.message : String(error)} (--help for usage)`);
    process.exit(2);
  });
}
