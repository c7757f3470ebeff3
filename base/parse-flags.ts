/**
 * Command-line flag parsing for the operator commands and local mode: node's `util.parseArgs` in
 * strict mode, with its errors turned into one-line {@link CliError}s.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError, oneLine } from "./cli-error";

/** Option definitions as `util.parseArgs` takes them. */
export type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/** Parses `argv` (without the node and script paths) strictly: unknown flags and positionals are errors. */
export function parseFlags<T extends FlagOptions>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(`${oneLine(error)} (see --help)`);
  }
}

/** Parses a whole number flag value within [min, max]; `flag` names it in the error. */
export function parseIntegerFlag(flag: string, value: string, min: number, max: number): number {
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new CliError(`--${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return parsed;
}
