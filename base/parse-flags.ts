/**
 * The one flag parser of every command (`npm start`, `npm run drift`, `npm run bench`, the emulator CLI):
 * a command declares its flags once in a {@link FlagTable}; {@link parseFlags} reads argv with node's
 * `util.parseArgs` and checks it against the table (integer ranges, one-line {@link CliError}s), and
 * {@link formatUsage} builds the `--help` text from the same table. Every command gets `--help` (`-h`).
 *
 * Error messages, one format for all commands:
 *   unknown option "--fast" (see --help)
 *   unexpected argument "prod" (see --help)
 *   --host needs a value
 *   --once takes no value
 *   --port must be a whole number from 0 to 65535, got "x"
 */
import { parseArgs } from "node:util";
import { CliError } from "./cli-error";

/** What every flag declares for `--help`. */
interface FlagDoc {
  /** What the flag does, one line of `--help`. */
  description: string;
  /** Placeholder for the flag's value in `--help` (e.g. `DIR`). Default `N` for integers, `VALUE` for strings. */
  value?: string;
  /**
   * The default as `--help` shows it when it is not a literal value the parser fills in (e.g. a path
   * computed from another flag). Default: the flag's `default`, if any.
   */
  defaultText?: string;
}

/** A flag that takes a text value. */
export interface StringFlag extends FlagDoc {
  /** Kind of flag. */
  type: "string";
  /** Value when the flag is absent. Default: none (the flag is absent from the parsed values). */
  default?: string;
}

/** A flag that is on when given and takes no value; parsed as `false` when absent. */
export interface BooleanFlag extends FlagDoc {
  /** Kind of flag. */
  type: "boolean";
}

/** A flag whose value is a whole number within [min, max]. */
export interface IntegerFlag extends FlagDoc {
  /** Kind of flag. */
  type: "integer";
  /** Smallest accepted value. */
  min: number;
  /** Largest accepted value. */
  max: number;
  /** Value when the flag is absent. Default: none (the flag is absent from the parsed values). */
  default?: number;
}

/** One flag of a command. */
export type FlagSpec = StringFlag | BooleanFlag | IntegerFlag;

/** A command's flags by name (without the leading `--`); `help` is added by the parser. */
export type FlagTable = Readonly<Record<string, FlagSpec>>;

type ValueOf<S extends FlagSpec> = S extends IntegerFlag ? number : S extends StringFlag ? string : boolean;
type HasValue<S extends FlagSpec> = S extends BooleanFlag ? true : S extends { default: string | number } ? true : false;

/** The parsed values of a table: flags with a default (and booleans) always present, others optional. */
export type FlagValues<T extends FlagTable> = {
  [K in keyof T as HasValue<T[K]> extends true ? K : never]: ValueOf<T[K]>;
} & {
  [K in keyof T as HasValue<T[K]> extends true ? never : K]?: ValueOf<T[K]>;
} & {
  /** `--help` (or `-h`) was given: print {@link formatUsage} and do nothing else. */
  help: boolean;
};

/** The flag every command has. */
const HELP: BooleanFlag = { type: "boolean", description: "print this text" };

/** `table` plus `--help`. */
function withHelp(table: FlagTable): Record<string, FlagSpec> {
  return { ...table, help: HELP };
}

/** Parses `argv` (without the node and script paths) against `table`; throws a one-line CliError on bad input. */
export function parseFlags<T extends FlagTable>(argv: readonly string[], table: T): FlagValues<T> {
  const flags = withHelp(table);
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, spec]) => [
      name,
      { type: spec.type === "boolean" ? "boolean" : "string", ...(name === "help" ? { short: "h" } : {}) } as const,
    ]),
  );
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | number | boolean> = {};
  for (const [name, spec] of Object.entries(flags)) {
    if (spec.type === "boolean") values[name] = false;
    else if (spec.default !== undefined) values[name] = spec.default;
  }
  for (const token of tokens) {
    if (token.kind === "positional") throw new CliError(`unexpected argument ${JSON.stringify(token.value)} (see --help)`);
    if (token.kind === "option-terminator") throw new CliError(`unexpected argument "--" (see --help)`);
    const spec = Object.hasOwn(flags, token.name) ? flags[token.name] : undefined;
    if (spec === undefined || (token.rawName.length === 2 && token.name !== "help")) {
      throw new CliError(`unknown option ${JSON.stringify(token.rawName)} (see --help)`);
    }
    values[token.name] = flagValue(`--${token.name}`, spec, token.value, token.inlineValue === true);
  }
  return values as FlagValues<T>;
}

function flagValue(flag: string, spec: FlagSpec, value: string | undefined, inline: boolean): string | number | boolean {
  if (spec.type === "boolean") {
    if (value !== undefined) throw new CliError(`${flag} takes no value`);
    return true;
  }
  // A value that looks like the next flag means this one's value was forgotten (`--cpu-prof --no-readme`).
  if (value === undefined || value === "" || (!inline && value.startsWith("-"))) {
    throw new CliError(spec.type === "integer" ? `${flag} needs a whole number from ${spec.min} to ${spec.max}` : `${flag} needs a value`);
  }
  return spec.type === "integer" ? parseInteger(flag, spec, value) : value;
}

function parseInteger(flag: string, spec: IntegerFlag, value: string): number {
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < spec.min || parsed > spec.max) {
    throw new CliError(`${flag} must be a whole number from ${spec.min} to ${spec.max}, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

/** What `--help` says around the flag list. */
export interface UsageText {
  /** The command line synopsis, e.g. `npm run bench -- [flags]`. */
  usage: string;
  /** Paragraphs printed between the synopsis and the flags. */
  summary: string;
  /** Printed after the flags (e.g. exit statuses). Default: nothing. */
  footer?: string;
}

/** The `--help` text of a command: its synopsis, summary, one line per flag of `table` (plus `--help`) and footer. */
export function formatUsage(text: UsageText, table: FlagTable): string {
  const rows = Object.entries(withHelp(table)).map(([name, spec]) => {
    const placeholder = spec.type === "boolean" ? "" : ` ${spec.value ?? (spec.type === "integer" ? "N" : "VALUE")}`;
    const shown = spec.defaultText ?? (spec.type === "boolean" ? undefined : spec.default?.toString());
    const notes = [
      ...(spec.type === "integer" ? [`${spec.min} to ${spec.max}`] : []),
      ...(shown === undefined ? [] : [`default: ${shown}`]),
    ];
    const flag = name === "help" ? "-h, --help" : `--${name}${placeholder}`;
    return [flag, notes.length === 0 ? spec.description : `${spec.description} (${notes.join("; ")})`];
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const indent = " ".repeat(width + 4);
  const lines = rows.map(([flag, description]) => `  ${flag.padEnd(width)}  ${wrap(description, HELP_WIDTH - indent.length).join(`\n${indent}`)}`);
  return [`Usage: ${text.usage}`, "", text.summary, "", "Flags:", ...lines, ...(text.footer ? ["", text.footer] : [])].join("\n");
}

/** Columns the `--help` text fits in. */
const HELP_WIDTH = 104;

/** `text` split at spaces into lines of at most `width` characters (at least 40; a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > Math.max(width, 40)) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}
