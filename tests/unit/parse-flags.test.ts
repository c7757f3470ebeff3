import { strict as assert } from "node:assert";
import { CliError } from "../../base/cli-error";
import { formatUsage, parseFlags, type FlagTable } from "../../base/parse-flags";

const TABLE = {
  name: { type: "string", value: "NAME", default: "dev", description: "a name" },
  dir: { type: "string", value: "DIR", defaultText: "the project root", description: "a directory" },
  count: { type: "integer", min: 1, max: 10, default: 3, description: "how many" },
  limit: { type: "integer", min: 0, max: 99, description: "an optional limit" },
  quiet: { type: "boolean", description: "say less" },
} as const satisfies FlagTable;

/** The one-line CliError message `argv` is refused with. */
function refusal(argv: string[]): string {
  try {
    parseFlags(argv, TABLE);
  } catch (error) {
    assert.ok(error instanceof CliError, `not a CliError: ${String(error)}`);
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail(`${JSON.stringify(argv)} was accepted`);
}

describe("the shared flag parser", () => {
  it("fills in defaults, leaves optional flags without one absent, and reads both value forms", () => {
    assert.deepEqual(parseFlags([], TABLE), { name: "dev", count: 3, quiet: false, help: false });
    assert.deepEqual(parseFlags(["--name", "prod", "--dir=/x", "--count", "10", "--limit=0", "--quiet", "-h"], TABLE), {
      name: "prod",
      dir: "/x",
      count: 10,
      limit: 0,
      quiet: true,
      help: true,
    });
    assert.equal(parseFlags(["--help"], TABLE).help, true);
  });

  it("refuses bad input with one line in one format, naming the flag", () => {
    const cases: Array<[string[], string]> = [
      [["--colour"], 'unknown option "--colour" (see --help)'],
      [["-x"], 'unknown option "-x" (see --help)'],
      [["--toString"], 'unknown option "--toString" (see --help)'],
      [["prod"], 'unexpected argument "prod" (see --help)'],
      [["--", "--name"], 'unexpected argument "--" (see --help)'],
      [["--name"], "--name needs a value"],
      [["--name", "--quiet"], "--name needs a value"],
      [["--dir="], "--dir needs a value"],
      [["--quiet=yes"], "--quiet takes no value"],
      [["--count"], "--count needs a whole number from 1 to 10"],
      [["--count", "0"], '--count must be a whole number from 1 to 10, got "0"'],
      [["--count=11"], '--count must be a whole number from 1 to 10, got "11"'],
      [["--count", "2.5"], '--count must be a whole number from 1 to 10, got "2.5"'],
      [["--count=-1"], '--count must be a whole number from 1 to 10, got "-1"'],
      [["--limit", "1e2"], '--limit must be a whole number from 0 to 99, got "1e2"'],
    ];
    for (const [argv, message] of cases) assert.equal(refusal(argv), message, JSON.stringify(argv));
  });

  it("builds the --help text from the same table: placeholder, range, default and --help itself", () => {
    const text = formatUsage({ usage: "tool [flags]", summary: "Does a thing.", footer: "Exit status: 0." }, TABLE);
    assert.equal(
      text,
      [
        "Usage: tool [flags]",
        "",
        "Does a thing.",
        "",
        "Flags:",
        "  --name NAME  a name (default: dev)",
        "  --dir DIR    a directory (default: the project root)",
        "  --count N    how many (1 to 10; default: 3)",
        "  --limit N    an optional limit (0 to 99)",
        "  --quiet      say less",
        "  -h, --help   print this text",
        "",
        "Exit status: 0.",
      ].join("\n"),
    );
  });

  it("wraps a long description under its own column", () => {
    const long = { "a-flag": { type: "boolean", description: Array.from({ length: 30 }, () => "word").join(" ") } } as const;
    const lines = formatUsage({ usage: "tool", summary: "s" }, long).split("\n");
    const rows = lines.slice(lines.indexOf("Flags:") + 1, -1);
    assert.ok(rows.length >= 2, "the description was not wrapped");
    assert.ok(lines.every((line) => line.length <= 104), lines.join("\n"));
    assert.match(rows[1], /^ {14}word/);
  });
});
