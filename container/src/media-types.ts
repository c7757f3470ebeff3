/**
 * Content negotiation: the request's `Content-Type` against the types a handler decodes (415 when
 * unsupported) and the request's `Accept` against the types it encodes (406 when none is acceptable).
 */
import { HttpError } from "./errors";

const MEDIA_TYPE = /^[a-z0-9!#$&^_.+*-]+\/[a-z0-9!#$&^_.+*-]+$/;

/**
 * The handler's input type for a request's `Content-Type` (parameters such as `charset` are ignored);
 * `supported[0]` when the request has none. Throws 415 `UnsupportedMediaType` otherwise.
 */
export function selectContentType(header: string | undefined, supported: readonly string[]): string {
  const type = (header ?? "").split(";")[0].trim().toLowerCase();
  if (type === "") return supported[0];
  if (supported.includes(type)) return type;
  throw new HttpError(
    415,
    "UnsupportedMediaType",
    `Content-Type "${header}" is not supported; use one of: ${supported.join(", ")}`,
  );
}

/**
 * The best type in `offered` for a request's `Accept` header (q-values honoured, ties go to the order of
 * `offered`); `offered[0]` when the header is absent or empty. Throws 406 `NotAcceptable` when no offered
 * type is acceptable or the header is malformed.
 */
export function selectAccept(header: string | undefined, offered: readonly string[]): string {
  if (header === undefined || header.trim() === "") return offered[0];
  const ranges = header.split(",").map(parseRange);
  let best: { type: string; q: number } | null = null;
  for (const type of offered) {
    const q = qualityOf(type, ranges);
    if (q > 0 && (best === null || q > best.q)) best = { type, q };
  }
  if (best === null) {
    throw new HttpError(406, "NotAcceptable", `Accept "${header}" matches no supported type; use one of: ${offered.join(", ")}`);
  }
  return best.type;
}

interface Range {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseRange(text: string): Range | null {
  const [media, ...params] = text.split(";").map((part) => part.trim().toLowerCase());
  if (!MEDIA_TYPE.test(media)) return null;
  const [type, subtype] = media.split("/");
  const qParam = params.find((param) => param.startsWith("q="));
  const q = qParam === undefined ? 1 : Number(qParam.slice(2));
  if (type === "*" && subtype !== "*") return null;
  return Number.isFinite(q) && q >= 0 && q <= 1 ? { type, subtype, q } : null;
}

/** The q of the most specific range matching `offered` (0 when none does). */
function qualityOf(offered: string, ranges: readonly (Range | null)[]): number {
  const [type, subtype] = offered.split("/");
  let specificity = -1;
  let q = 0;
  for (const range of ranges) {
    if (range === null) continue;
    const matches = (range.type === "*" || range.type === type) && (range.subtype === "*" || range.subtype === subtype);
    const rank = (range.type === "*" ? 0 : 1) + (range.subtype === "*" ? 0 : 1);
    if (matches && rank > specificity) {
      specificity = rank;
      q = range.q;
    }
  }
  return q;
}
