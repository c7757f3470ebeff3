import { ConfigError } from "./config-error";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INTEGER_TEXT = /^-?\d+$/;

/** Inclusive bounds for an integer. */
export interface Range {
  /** Smallest allowed value. */
  min: number;
  /** Largest allowed value (default: no upper bound). */
  max?: number;
}

/**
 * Where a value sits in the stack config, printed in `pulumi config set --path` notation
 * (`tagged-endpoint:variant.instance.instanceType`, `tagged-endpoint:tags["Cost Center"]`,
 * `tagged-endpoint:exposedTagKeys[0]`). It builds the {@link ConfigError} for a broken rule.
 */
export class ConfigPath {
  private constructor(readonly key: string) {}

  /** The path of a top-level key `<namespace>:<name>`. */
  static root(namespace: string, name: string): ConfigPath {
    return new ConfigPath(`${namespace}:${name}`);
  }

  /** The path of a field of the object at this path. */
  field(name: string): ConfigPath {
    return new ConfigPath(IDENTIFIER.test(name) ? `${this.key}.${name}` : `${this.key}[${JSON.stringify(name)}]`);
  }

  /** The path of an element of the array at this path. */
  index(position: number): ConfigPath {
    return new ConfigPath(`${this.key}[${position}]`);
  }

  /** The error for a value at this path that breaks `rule`. */
  error(rule: string): ConfigError {
    return new ConfigError(this.key, rule);
  }
}

/** A short, one-line rendering of a config value for error messages. */
export function show(value: unknown): string {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Parses the JSON text Pulumi stores for a structured (object or array) config value. */
export function readJson(path: ConfigPath, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw path.error(`must be a JSON object or array (${(err as Error).message})`);
  }
}

/** Reads a plain object whose fields are all in `allowed`; an unknown field (a typo) is an error. */
export function readObject(path: ConfigPath, value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw path.error(`must be an object, got ${show(value)}`);
  }
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!allowed.includes(name)) {
      throw path.field(name).error(`unknown field; allowed fields are ${allowed.join(", ")}`);
    }
  }
  return record;
}

/** Reads a string. */
export function readString(path: ConfigPath, value: unknown): string {
  if (typeof value !== "string") {
    throw path.error(`must be a string, got ${show(value)}`);
  }
  return value;
}

/** Reads a boolean (JSON `true`/`false`, or the text `"true"`/`"false"` that Pulumi stores for scalars). */
export function readBoolean(path: ConfigPath, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw path.error(`must be true or false, got ${show(value)}`);
}

/** Reads an integer within `range` (a JSON number, or the decimal text Pulumi stores for scalars). */
export function readInteger(path: ConfigPath, value: unknown, range: Range): number {
  const number = typeof value === "string" && INTEGER_TEXT.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || !inRange(number, range)) {
    throw path.error(`must be an integer ${describeRange(range)}, got ${show(number)}`);
  }
  return number;
}

/** Reads a finite number greater than zero. */
export function readPositiveNumber(path: ConfigPath, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw path.error(`must be a number greater than 0, got ${show(value)}`);
  }
  return value;
}

/** Reads one of a fixed set of strings. */
export function readChoice<T extends string>(path: ConfigPath, value: unknown, choices: readonly T[]): T {
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    throw path.error(`must be one of ${choices.join(", ")}, got ${show(value)}`);
  }
  return value as T;
}

function inRange(value: number, range: Range): boolean {
  return value >= range.min && (range.max === undefined || value <= range.max);
}

function describeRange(range: Range): string {
  return range.max === undefined ? `>= ${range.min}` : `from ${range.min} to ${range.max}`;
}
