import assert from "node:assert/strict";
import { CliError } from "../../base/cli-error";
import { parseArgs } from "../../bench/args";

describe("bench flags", () => {
  it("defaults to a run that fits in 3 minutes, 50 connections and 15 ms control-plane latency", () => {
    const options = parseArgs([]);
    assert.equal(options.durationSeconds, 30);
    assert.equal(options.connections, 50);
    assert.equal(options.latencyMs, 15);
    assert.equal(options.soakMinutes, undefined, "the soak is opt-in");
    assert.equal(options.updateReadme, true);
    assert.equal(options.cpuProfileDir, undefined, "a default run measures");
    assert.equal(options.only, undefined, "a default run includes the burst and drain scenarios");
    assert.equal(options.help, false);
  });

  it("reads every flag, as `--flag value` and as `--flag=value`", () => {
    const options = parseArgs(["--duration", "5", "--connections=8", "--latency-ms", "0", "--soak-minutes=2", "--no-readme"]);
    assert.deepEqual(options, {
      durationSeconds: 5,
      connections: 8,
      latencyMs: 0,
      soakMinutes: 2,
      updateReadme: false,
      cpuProfileDir: undefined,
      only: undefined,
      help: false,
    });
    assert.equal(parseArgs(["--cpu-prof", "/tmp/prof"]).cpuProfileDir, "/tmp/prof");
    assert.equal(parseArgs(["--only", "burst"]).only, "burst");
    assert.equal(parseArgs(["--only=drain"]).only, "drain");
  });

  it("rejects unknown flags, missing values, fractions and out-of-range numbers with one-line messages", () => {
    const cases: Array<[string[], RegExp]> = [
      [["--fast"], /unknown option "--fast"/],
      [["--cpu-prof", "--no-readme"], /--cpu-prof needs a value/],
      [["--duration"], /--duration needs a whole number/],
      [["--only", "soak"], /--only needs "burst" or "drain", got "soak"/],
      [["--connections", "2.5"], /--connections must be a whole number from 1 to 1000, got "2.5"/],
      [["--duration", "0"], /--duration must be a whole number from 1 to 3600, got "0"/],
      [["--connections", "5000"], /--connections must be a whole number from 1 to 1000/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(() => parseArgs(argv), (err: Error) => err instanceof CliError && message.test(err.message) && !err.message.includes("\n"));
    }
  });
});
