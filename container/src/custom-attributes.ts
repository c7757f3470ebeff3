/**
 * The per-request `X-Amzn-SageMaker-Custom-Attributes` header: at most 1024 visible US-ASCII characters
 * (RFC 7230 field-value), forwarded verbatim by SageMaker. When it has the shape `key=value;key=value`
 * it is also parsed into a map; otherwise it is passed on as an opaque string.
 */
import { HttpError } from "./errors";

/** The request and response header name (Node lower-cases incoming header names). */
export const CUSTOM_ATTRIBUTES_HEADER = "X-Amzn-SageMaker-Custom-Attributes";

/** The most characters SageMaker allows in the header. */
export const MAX_CUSTOM_ATTRIBUTES_LENGTH = 1024;

/** A request's custom attributes. */
export interface CustomAttributes {
  /** The header value exactly as received. */
  readonly raw: string;
  /** The `key=value;key=value` pairs (a repeated key keeps its last value); null when the value has another shape. */
  readonly attributes: Readonly<Record<string, string>> | null;
}

/** Visible US-ASCII (0x21-0x7E) plus the space and tab allowed between visible characters. */
const FIELD_CHARACTER = /^[\t\x20-\x7e]$/;

/**
 * Validates and parses the header; null when the request has none (or an empty one).
 * Throws a 400 `HttpError` (`InvalidCustomAttributes`) for a value SageMaker would reject.
 */
export function parseCustomAttributes(header: string | string[] | undefined): CustomAttributes | null {
  const raw = Array.isArray(header) ? header.join(", ") : header;
  if (raw === undefined || raw === "") return null;
  if (raw.length > MAX_CUSTOM_ATTRIBUTES_LENGTH) {
    throw invalid(`is ${raw.length} characters long; at most ${MAX_CUSTOM_ATTRIBUTES_LENGTH} are allowed`);
  }
  const bad = [...raw].findIndex((char) => !FIELD_CHARACTER.test(char));
  if (bad >= 0) {
    const code = raw.charCodeAt(bad);
    const kind = code > 0x7f ? "a non-ASCII character" : "a control character";
    throw invalid(`has ${kind} (U+${code.toString(16).toUpperCase().padStart(4, "0")}) at position ${bad + 1}; only visible US-ASCII is allowed`);
  }
  return { raw, attributes: parsePairs(raw) };
}

function parsePairs(raw: string): Record<string, string> | null {
  const segments = raw.split(";").map((segment) => segment.trim());
  if (segments.length > 1 && segments[segments.length - 1] === "") segments.pop();
  const pairs: [string, string][] = [];
  for (const segment of segments) {
    const eq = segment.indexOf("=");
    const key = segment.slice(0, eq).trim();
    if (eq < 0 || !/^[^\s=]+$/.test(key)) return null;
    pairs.push([key, segment.slice(eq + 1).trim()]);
  }
  return Object.fromEntries(pairs);
}

function invalid(problem: string): HttpError {
  return new HttpError(400, "InvalidCustomAttributes", `${CUSTOM_ATTRIBUTES_HEADER} ${problem}`);
}
