/**
 * Pages of a list result with an opaque `NextToken`, as every paginated SageMaker operation returns them.
 * A token is only valid for the listing it came from (the same operation and subject).
 */
import { validationException } from "./aws-error";

/** One page and the token of the next, if any. */
export interface Page<T> {
  /** The items of this page. */
  items: T[];
  /** Token for the next page; undefined on the last page. */
  nextToken?: string;
}

/** The page of `items` that starts where `token` says (the start when undefined) and holds `size` items. */
export function pageOf<T>(items: T[], token: string | undefined, size: number, listing: string): Page<T> {
  const start = token === undefined ? 0 : offsetOf(token, listing);
  const end = start + size;
  const nextToken = end < items.length ? encode({ listing, offset: end }) : undefined;
  return { items: items.slice(start, end), nextToken };
}

interface TokenContent {
  listing: string;
  offset: number;
}

function encode(content: TokenContent): string {
  return Buffer.from(JSON.stringify(content)).toString("base64url");
}

function offsetOf(token: string, listing: string): number {
  try {
    const content = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<TokenContent>;
    if (content.listing === listing && Number.isInteger(content.offset) && (content.offset ?? -1) >= 0) {
      return content.offset as number;
    }
  } catch {
    // not base64url JSON: reported below
  }
  throw validationException(`Invalid NextToken: ${token}`);
}
