// Every command answers --help: exit 0, the usage text built from its option table on stdout, and
// nothing else done (bench measures nothing, local mode and the emulator start nothing).
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { USAGE as BENCH_USAGE, BENCH_FLAGS } from "../../bench/args";
import { USAGE as LOCAL_USAGE, LOCAL_FLAGS } from "../../local/cli-args";
import { USAGE as EMULATOR_USAGE, EMULATOR_FLAGS } from "../../local/emulator/cli";
import { USAGE as CLEANUP_USAGE, CLEANUP_FLAGS } from "../../ops/cleanup-cli";
import { USAGE as DRIFT_USAGE, DRIFT_FLAGS } from "../../ops/drift-cli";
import { USAGE as VERIFY_USAGE, VERIFY_FLAGS } from "../../ops/verify-cli";

const ROOT = path.resolve(__dirname, "..", "..");
const run = promisify(execFile);

const COMMANDS = [
  { name: "npm start", command: "npm", args: ["start", "--silent", "--", "--help"], usage: LOCAL_USAGE, flags: LOCAL_FLAGS },
  { name: "npm run drift", command: "npm", args: ["run", "--silent", "drift", "--", "--help"], usage: DRIFT_USAGE, flags: DRIFT_FLAGS },
  { name: "npm run verify", command: "npm", args: ["run", "--silent", "verify", "--", "--help"], usage: VERIFY_USAGE, flags: VERIFY_FLAGS },
  { name: "npm run cleanup", command: "npm", args: ["run", "--silent", "cleanup", "--", "--help"], usage: CLEANUP_USAGE, flags: CLEANUP_FLAGS },
  { name: "npm run bench", command: "npm", args: ["run", "--silent", "bench", "--", "-h"], usage: BENCH_USAGE, flags: BENCH_FLAGS },
  {
    name: "the emulator CLI",
    command: process.execPath,
    args: ["-r", "ts-node/register/transpile-only", "local/emulator/cli.ts", "--help"],
    usage: EMULATOR_USAGE,
    flags: EMULATOR_FLAGS,
  },
];

describe("--help of every command", () => {
  for (const { name, command, args, usage, flags } of COMMANDS) {
    it(`${name} prints its usage from its option table and exits 0`, async function () {
      this.timeout(60_000);
      const { stdout } = await run(command, args, { cwd: ROOT, timeout: 50_000 }); // rejects on a non-zero exit
      assert.equal(stdout, `${usage}\n`);
      for (const flag of [...Object.keys(flags), "help"]) assert.match(usage, new RegExp(`^  (-h, )?--${flag}\\b`, "m"), `--${flag} missing`);
    });
  }
});
