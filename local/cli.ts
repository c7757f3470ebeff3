/**
 * `npm start -- [flags]`: local mode. Evaluates the real Pulumi program against the SageMaker emulator,
 * runs the inference container behind the emulator's runtime API, prints the stack outputs and
 * ready-to-paste commands, and serves until Ctrl-C (or, with `--once`, invokes once and exits).
 * An emulation, not a deployment.
 */
import * as path from "node:path";
import { runMain } from "../base/cli-error";
import { parseLocalArgs, USAGE, type LocalOptions } from "./cli-args";
import { invokeSample } from "./invoke-once";
import { runUpdate } from "./local-update";
import { startLocalMode, type LocalModeSession } from "./local-mode";
import { writeOutputsFile } from "./outputs-file";
import { pasteCommands } from "./paste-commands";
import { READY_LINE } from "./ready-line";
import { Shutdown } from "./shutdown";
import { describeExit } from "./supervised-process";

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Writes the outputs file, prints the commands and the ready line. */
async function announce(options: LocalOptions, session: LocalModeSession): Promise<void> {
  await writeOutputsFile(options.outputsFile, session.outputs, { emulatorUrl: session.emulatorUrl, stack: options.stack });
  say(`• wrote the outputs (plus the emulator URL, under _localMode) to ${path.relative(process.cwd(), options.outputsFile)}`);
  say("\nTry it (dummy credentials: the emulator accepts any; AWS CLI v2 as Debian's awscli ships it):");
  for (const command of pasteCommands({ ...session, stack: options.stack, outputsFile: options.outputsFile })) say(`  ${command}`);
  say(`\n${READY_LINE} stack ${options.stack} at ${session.emulatorUrl} (pid ${process.pid}). This is an emulation, not a deployment. Ctrl-C stops it.`);
}

/** Invokes the endpoint once with the runtime SDK and prints what came back. */
async function invokeOnce(session: LocalModeSession): Promise<void> {
  const { endpointName, region } = session.outputs;
  const result = await invokeSample(session.emulatorUrl, region, endpointName);
  say(`\nInvokeEndpoint ${endpointName} (variant ${result.invokedVariant ?? "-"}, custom attributes echoed: ${result.customAttributes ?? "-"}):`);
  say(JSON.stringify(result.body, null, 2));
}

/**
 * On the first SIGINT or SIGTERM, or when the process that started local mode goes away (`npm` killed
 * hard leaves this process orphaned, re-parented): stops everything, then exits 0 once local mode was
 * ready (it was asked to stop), or 130/143 (the shell's codes for those signals) while still starting.
 */
function exitOnSignals(shutdown: Shutdown, isReady: () => boolean): void {
  const stop = (reason: string, startingCode: number): void => {
    say(`\n${reason}: stopping the container and the emulator`);
    const code = isReady() ? 0 : startingCode;
    void shutdown.run().then(() => process.exit(code));
  };
  process.once("SIGINT", () => stop("SIGINT", 130));
  process.once("SIGTERM", () => stop("SIGTERM", 143));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    stop(`the parent process ${parent} is gone`, 1);
  }, 500);
  watch.unref();
}

/** Serves until a fleet's container dies on its own (exit code 1); signals end the process before that. */
async function serveUntilContainerDies(shutdown: Shutdown, session: LocalModeSession): Promise<number> {
  const { configName, exit } = await session.fleets.unexpectedExit;
  if (shutdown.started) return new Promise<number>(() => undefined); // a signal is stopping us; it exits
  process.stderr.write(`error: the container of fleet ${configName} ${describeExit(exit)} unexpectedly; stopping local mode\n`);
  await shutdown.run();
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const options = parseLocalArgs(argv);
  if (options === "help") {
    say(USAGE);
    return 0;
  }
  say(`Local mode for stack ${options.stack}: an emulation on this machine, not a deployment (nothing is sent to AWS).`);
  const shutdown = new Shutdown();
  let ready = false;
  exitOnSignals(shutdown, () => ready);
  let session: LocalModeSession;
  let forwardLogs = false;
  const onContainerLine = (configName: string, line: string) => {
    if (forwardLogs) say(`container ${configName} | ${line}`);
  };
  try {
    session = await startLocalMode(options, say, shutdown, { onContainerLine });
  } catch (error) {
    if (shutdown.started) return new Promise<number>(() => undefined); // interrupted by a signal; it exits
    await shutdown.run();
    throw error;
  }
  say("\nStack outputs (as `pulumi stack output --json` prints them):");
  say(JSON.stringify(session.outputs, null, 2));
  if (options.once) {
    await invokeOnce(session).finally(() => shutdown.run());
    return 0;
  }
  await announce(options, session);
  ready = true;
  forwardLogs = true;
  if (options.updateTo !== null) await runUpdate(session, options, options.updateTo, say);
  return serveUntilContainerDies(shutdown, session);
}

runMain(() => main(process.argv.slice(2)));
