// Command-line flags of `npm run bench`: parsing, validation (one-line errors) and the help text.
import { availableParallelism } from "node:os";

/** What one bench run does, from its flags. */
export interface BenchOptions {
  /** Seconds of measured load per scenario (`--duration`); default 20, so the default run takes about 4-5 minutes. */
  durationSeconds: number;
  /** Largest worker count of the worker scenarios (`--max-workers`); default: the CPUs available. */
  maxWorkers: number;
  /** Concurrent load connections per scenario (`--connections`); default 50. */
  connections: number;
  /** Latency the emulator adds to every control-plane call, in ms (`--latency-ms`); default 15. */
  latencyMs: number;
  /** Minutes of steady-load endurance run (`--soak-minutes`); default undefined = no soak. */
  soakMinutes: number | undefined;
  /** Rewrite the README table from this run; default true, `--no-readme` turns it off. */
  updateReadme: boolean;
  /**
   * Directory for a CPU profile of ours under the ours scenario's load (`--cpu-prof DIR`); default
   * undefined = a measuring run. A profiling run measures nothing else and writes no results.
   */
  cpuProfileDir: string | undefined;
  /**
   * Run only this scenario and print its figures (`--only burst` or `--only drain`); default undefined =
   * the whole run, which includes both. Writes no results.
   */
  only: "burst" | "drain" | undefined;
  /** Print the help text and do nothing else (`--help`); default false. */
  help: boolean;
}

/** A flag the bench does not accept; its message is one line meant for the user. */
export class UsageError extends Error {}

/** The text `--help` prints. */
export const USAGE = `Usage: npm run bench -- [options]

Measures with wrk: a bare node:http server running the sample handler, the container with tags off and
on, the per-request lookup (seed), the container and Flask + gunicorn (peer) at 1..N workers, the seed
beside the container under control-plane throttling, /ping beside a saturating load, plus cold start
and footprint; writes bench/results.json, bench/chart.svg and the tables in docs/bench.md.

Options:
  --duration S       seconds of measured load per scenario (default 20)
  --max-workers N    worker counts 1..N for the worker scenarios (default: the CPUs available)
  --connections N    concurrent connections per scenario (default 50)
  --latency-ms N     latency the emulator adds to each control-plane call (default 15)
  --soak-minutes N   also run an endurance soak at steady load for N minutes (default: off)
  --no-readme        do not rewrite the tables in docs/bench.md
  --cpu-prof DIR     instead of measuring, profile ours (node --cpu-prof, unminified bundle) under the
                     ours scenario's load, write the .cpuprofile to DIR and print the top self-time
                     functions; writes no results
  --only SCENARIO    run only "burst" (40 concurrent 6 MiB invocations, /ping probed) or "drain"
                     (SIGTERM under 50 keep-alive clients), print the figures, write no results
  --help             print this text`;

interface IntegerFlag {
  key: "durationSeconds" | "connections" | "latencyMs" | "soakMinutes" | "maxWorkers";
  min: number;
  max: number;
}

const INTEGER_FLAGS: Record<string, IntegerFlag> = {
  "--duration": { key: "durationSeconds", min: 1, max: 3600 },
  "--connections": { key: "connections", min: 1, max: 1000 },
  "--latency-ms": { key: "latencyMs", min: 0, max: 10000 },
  "--soak-minutes": { key: "soakMinutes", min: 1, max: 1440 },
  "--max-workers": { key: "maxWorkers", min: 1, max: 64 },
};

/** Parses the bench's argv (without `node` and the script); throws UsageError on anything it does not accept. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    durationSeconds: 20,
    maxWorkers: availableParallelism(),
    connections: 50,
    latencyMs: 15,
    soakMinutes: undefined,
    updateReadme: true,
    cpuProfileDir: undefined,
    only: undefined,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inlineValue] = splitFlag(argv[i]);
    if (name === "--help" || name === "-h") {
      options.help = true;
    } else if (name === "--no-readme") {
      options.updateReadme = false;
    } else if (name === "--cpu-prof") {
      const dir = inlineValue ?? argv[++i];
      if (dir === undefined || dir === "" || dir.startsWith("--")) throw new UsageError("--cpu-prof needs a directory");
      options.cpuProfileDir = dir;
    } else if (name === "--only") {
      const scenario = inlineValue ?? argv[++i];
      if (scenario !== "burst" && scenario !== "drain") throw new UsageError(`--only needs "burst" or "drain", got ${JSON.stringify(scenario ?? "")}`);
      options.only = scenario;
    } else if (name in INTEGER_FLAGS) {
      const flag = INTEGER_FLAGS[name];
      const raw = inlineValue ?? argv[++i];
      options[flag.key] = parseInteger(name, raw, flag);
    } else {
      throw new UsageError(`unknown option ${JSON.stringify(argv[i])} (see --help)`);
    }
  }
  return options;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function parseInteger(name: string, raw: string | undefined, flag: IntegerFlag): number {
  if (raw === undefined || !/^\d+$/.test(raw)) {
    throw new UsageError(`${name} needs a whole number between ${flag.min} and ${flag.max}, got ${JSON.stringify(raw ?? "")}`);
  }
  const value = Number(raw);
  if (value < flag.min || value > flag.max) {
    throw new UsageError(`${name} must be between ${flag.min} and ${flag.max}, got ${value}`);
  }
  return value;
}
