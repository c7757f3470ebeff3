// The drain scenario: keep-alive clients post continuously, then the server gets SIGTERM (as SageMaker
// sends on every scale-in, instance replacement and the end of a blue/green deployment). A request is
// lost when its client sees any error other than a refused new connection; the target is 0.
import { Cleanup } from "./cleanup";
import { keepAliveClients } from "./invocation-client";
import { progress } from "./progress";
import { SampleRequest } from "./sample-request";
import { ServerSpec, startServer } from "./server-process";

/** The shape of the drain scenario. */
export interface DrainSettings {
  /** SIGTERMs, each to a freshly spawned server; default run 3. */
  rounds: number;
  /** Keep-alive clients posting continuously; default run 50. */
  clients: number;
  /** Milliseconds of load before the SIGTERM; default run 2000. */
  loadMs: number;
}

/** What the drain scenario measured. */
export interface DrainResult extends DrainSettings {
  /** Requests lost per SIGTERM, one entry per round (target 0). */
  lostPerSigterm: number[];
  /** Responses received per round (before and after the SIGTERM). */
  answered: number[];
  /** Exit code (or signal) of each round's server. */
  exits: (number | string)[];
  /** Milliseconds from SIGTERM to exit, per round. */
  drainMs: number[];
}

/** The default run's drain scenario. */
export const DEFAULT_DRAIN: DrainSettings = { rounds: 3, clients: 50, loadMs: 2000 };

/** Runs `settings.rounds` SIGTERMs under keep-alive load, each against a freshly spawned `server`. */
export async function runDrain(server: ServerSpec, settings: DrainSettings, sample: SampleRequest, cleanup: Cleanup): Promise<DrainResult> {
  const result: DrainResult = { ...settings, lostPerSigterm: [], answered: [], exits: [], drainMs: [] };
  for (let round = 1; round <= settings.rounds; round++) {
    const running = await startServer(server, cleanup);
    const { tally, done } = keepAliveClients(running.url, sample.body, settings.clients, sample.headers);
    await new Promise((resolve) => setTimeout(resolve, settings.loadMs));
    const signalled = performance.now();
    const exit = await running.stop();
    result.drainMs.push(performance.now() - signalled);
    await done;
    result.lostPerSigterm.push(tally.lost.length);
    result.answered.push(tally.answered);
    result.exits.push(exit.signal ?? exit.code ?? "unknown");
    progress(
      `drain ${round}/${settings.rounds}: ${tally.answered} answered, ${tally.lost.length} lost ` +
        `(${[...new Set(tally.lost)].join(", ") || "none"}), exit ${result.exits.at(-1)} after ${result.drainMs.at(-1)?.toFixed(0)} ms`,
    );
  }
  return result;
}
