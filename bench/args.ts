// Command-line flags of `npm run bench`: parsing, validation (one-line errors) and the help text.
import { availableParallelism } from "node:os";
import { CliError } from "../base/cli-error";
import { formatUsage, parseFlags, type FlagTable } from "../base/parse-flags";

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
  /** Rewrite the tables in docs/bench.md from this run; default true, `--no-readme` turns it off. */
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

/** The bench's flags: what they parse to and what `--help` says. */
export const BENCH_FLAGS = {
  duration: { type: "integer", value: "S", min: 1, max: 3600, default: 20, description: "seconds of measured load per scenario" },
  "max-workers": {
    type: "integer",
    min: 1,
    max: 64,
    defaultText: "the CPUs available",
    description: "worker counts 1..N for the worker scenarios",
  },
  connections: { type: "integer", min: 1, max: 1000, default: 50, description: "concurrent connections per scenario" },
  "latency-ms": { type: "integer", min: 0, max: 10000, default: 15, description: "latency the emulator adds to each control-plane call" },
  "soak-minutes": {
    type: "integer",
    min: 1,
    max: 1440,
    defaultText: "off",
    description: "also run an endurance soak at steady load for N minutes",
  },
  "no-readme": { type: "boolean", description: "do not rewrite the tables in docs/bench.md" },
  only: {
    type: "string",
    value: "SCENARIO",
    description:
      'run only "burst" (40 concurrent 6 MiB invocations, /ping probed) or "drain" (SIGTERM under 50 ' +
      "keep-alive clients), print the figures, write no results",
  },
  "cpu-prof": {
    type: "string",
    value: "DIR",
    description:
      "instead of measuring, profile ours (node --cpu-prof, unminified bundle) under the ours scenario's load, " +
      "write the .cpuprofile to DIR and print the top self-time functions; writes no results",
  },
} as const satisfies FlagTable;

/** The text `--help` prints. */
export const USAGE = formatUsage(
  {
    usage: "npm run bench -- [flags]",
    summary: `Measures with wrk: a bare node:http server running the sample handler, the container with tags off and
on, the per-request lookup (seed), the container and Flask + gunicorn (peer) at 1..N workers, the seed
beside the container under control-plane throttling, /ping beside a saturating load, plus cold start
and footprint; writes bench/results.json, bench/chart.svg and the tables in docs/bench.md.`,
  },
  BENCH_FLAGS,
);

/** Parses the bench's argv (without `node` and the script); throws a one-line CliError on anything it does not accept. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const values = parseFlags(argv, BENCH_FLAGS);
  return {
    durationSeconds: values.duration,
    maxWorkers: values["max-workers"] ?? availableParallelism(),
    connections: values.connections,
    latencyMs: values["latency-ms"],
    soakMinutes: values["soak-minutes"],
    updateReadme: !values["no-readme"],
    cpuProfileDir: values["cpu-prof"],
    only: onlyScenario(values.only),
    help: values.help,
  };
}

/** The `--only` value as a scenario name; anything but the two scenarios is a one-line CliError. */
function onlyScenario(value: string | undefined): BenchOptions["only"] {
  if (value === undefined || value === "burst" || value === "drain") return value;
  throw new CliError(`--only needs "burst" or "drain", got ${JSON.stringify(value)}`);
}
