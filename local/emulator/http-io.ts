/** Reading request bodies with a size cap and writing JSON responses, for every part of the server. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** A request body that went over the cap; the caller answers it. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

/**
 * Reads the whole body of `req`. A body over `limitBytes` is still read to its end (and dropped), so that
 * the client sees the answer rather than a reset connection; then the promise rejects with BodyTooLargeError.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) reject(new BodyTooLargeError(limitBytes));
      else resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

/** Writes `body` as JSON with `contentType` and any extra headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = "application/json",
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}
