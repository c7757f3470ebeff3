/**
 * Decoding a request body into instances (rows of feature values) for the sample model:
 * `application/json` `{"instances": [[x1, x2, ...], ...]}` or `text/csv` (one instance per line, no
 * header). Every row must hold the same number of finite numbers. Errors name the row and column.
 */
import { InvalidInputError } from "../errors";

/** Rows of feature values, all of the same length. */
export type Instances = number[][];

const CSV_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const CSV_NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** Decodes `{"instances": [[...], ...]}`. */
export function decodeJsonInstances(text: string): Instances {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError("InvalidJson", `the body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw shape(`the body must be a JSON object {"instances": [[x1, x2, ...], ...]}, got ${describe(body)}`);
  }
  const instances = (body as Record<string, unknown>).instances;
  if (instances === undefined) throw shape(`"instances" is missing; expected {"instances": [[x1, x2, ...], ...]}`);
  if (!Array.isArray(instances)) throw shape(`"instances" must be an array of rows, got ${describe(instances)}`);
  // Plain loops over the parsed arrays, no copies and no per-value strings: a 6 MiB body holds ~1M values.
  for (let i = 0; i < instances.length; i++) {
    const row: unknown = instances[i];
    if (!Array.isArray(row)) throw shape(`instances[${i}] must be an array of numbers, got ${describe(row)}`);
    for (let j = 0; j < row.length; j++) {
      const value: unknown = row[j];
      if (typeof value !== "number") {
        throw new InvalidInputError("NonNumericValue", `instances[${i}][${j}] must be a number, got ${describe(value)}`);
      }
      if (!Number.isFinite(value)) throw nonFinite(`instances[${i}][${j}]`, String(value));
    }
  }
  return rectangular(instances as Instances, (i) => `instances[${i}]`);
}

/** Decodes CSV: one instance per line, comma-separated numbers, no header; blank trailing lines ignored. */
export function decodeCsvInstances(text: string): Instances {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  const rows = lines.map((line, i) => {
    if (line.trim() === "") throw new InvalidInputError("InvalidCsv", `CSV line ${i + 1} is empty`);
    return line.split(",").map((raw, j) => {
      const cell = raw.trim();
      const where = `CSV line ${i + 1}, column ${j + 1}`;
      if (CSV_NON_FINITE.test(cell)) throw nonFinite(where, cell);
      if (!CSV_NUMBER.test(cell)) throw new InvalidInputError("NonNumericValue", `${where}: "${cell}" is not a number`);
      return finite(Number(cell), where);
    });
  });
  return rectangular(rows, (i) => `CSV line ${i + 1}`);
}

function rectangular(rows: Instances, label: (row: number) => string): Instances {
  if (rows.length === 0) throw shape("there are no instances; send at least one row");
  const width = rows[0].length;
  const ragged = rows.findIndex((row) => row.length !== width);
  if (ragged >= 0) {
    throw new InvalidInputError(
      "RaggedRows",
      `${label(ragged)} has ${rows[ragged].length} values but ${label(0)} has ${width}; every row needs the same number`,
    );
  }
  return rows;
}

function finite(value: number, where: string): number {
  if (!Number.isFinite(value)) throw nonFinite(where, String(value));
  return value;
}

function nonFinite(where: string, value: string): InvalidInputError {
  return new InvalidInputError("NonFiniteValue", `${where} is ${value}; values must be finite numbers`);
}

function shape(message: string): InvalidInputError {
  return new InvalidInputError("InvalidShape", message);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
