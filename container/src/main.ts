/**
 * The container entrypoint: `node serve.js serve` (SageMaker runs the image as `docker run IMAGE serve`).
 * Reads the settings from the environment, starts the server (in this process with one worker, else a
 * primary that forks the workers, which run this file again), stops gracefully on SIGTERM. A bad
 * setting is one JSON log line and exit code 1; a wrong argument exit code 2. A model that cannot load
 * is one JSON log line too, but the server keeps running and fails `/ping` (503) with the reason.
 */
import cluster from "node:cluster";
import { runPrimary } from "./cluster/primary";
import { runWorker } from "./cluster/worker";
import { ConfigError, loadSettings } from "./config";
import { createLogger, errorMessage, type Logger } from "./log";
import { exitGracefullyOnSignals } from "./shutdown";
import { startServer } from "./start";

async function main(args: readonly string[]): Promise<void> {
  if (args[0] !== "serve" || args.length > 1) {
    process.stderr.write(`usage: node serve.js serve (the only command is "serve"; got ${JSON.stringify(args.join(" "))})\n`);
    process.exitCode = 2;
    return;
  }
  let log = createLogger("info");
  try {
    const settings = loadSettings(process.env);
    log = createLogger(settings.logLevel);
    routeProcessEventsToLog(log);
    if (cluster.isWorker) await runWorker(settings, log);
    else if (settings.workers > 1) runPrimary(settings, log);
    else {
      const running = await startServer(settings, { log });
      exitGracefullyOnSignals(running, running.log);
    }
  } catch (err) {
    log.error(err instanceof ConfigError ? `configuration error: ${err.message}` : `cannot start: ${errorMessage(err)}`);
    process.exitCode = 1;
    if (cluster.isWorker) process.exit();
  }
}

/** Process warnings (e.g. the AWS SDK's Node version notice) and stray rejections become JSON log lines. */
function routeProcessEventsToLog(log: Logger): void {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => log.warn("process warning", { name: warning.name, warning: warning.message.replace(/\s+/g, " ") }));
  process.on("unhandledRejection", (reason) => log.error("unhandled promise rejection", { error: errorMessage(reason) }));
}

void main(process.argv.slice(2));
