/**
 * Reading a request body within SageMaker's 6 MiB payload limit. An oversized body is refused as soon as
 * it is known to be too large (from `Content-Length`, or while streaming), never buffered whole: the rest
 * is read and dropped so the client receives the 413 on a healthy connection, and the connection is
 * destroyed if the client is still sending after a grace period. A client that disconnects before the
 * end of its body is a `ClientDisconnectedError` (nothing to answer; the server logs one info line).
 */
import type { IncomingMessage } from "node:http";
import { HttpError } from "./errors";

/** SageMaker's largest real-time invocation payload, in bytes. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** How long an oversized body may keep arriving after the 413 before the connection is destroyed. */
export const DISCARD_GRACE_MS = 5_000;

/** The client closed its connection before sending the whole body. */
export class ClientDisconnectedError extends Error {
  override readonly name = "ClientDisconnectedError";

  /** @param receivedBytes body bytes received before the disconnect. */
  constructor(readonly receivedBytes: number) {
    super(`the client disconnected after sending ${receivedBytes} bytes of the body`);
  }
}

/**
 * The whole body of `req`; rejects with a 413 `HttpError` when it exceeds `limit` bytes, with a
 * `ClientDisconnectedError` when the client leaves before its end.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let discarding = false;
    const refuse = (reason: string): void => {
      discarding = true;
      chunks.length = 0;
      const timer = setTimeout(() => req.socket.destroy(), DISCARD_GRACE_MS).unref();
      req.once("close", () => clearTimeout(timer));
      reject(tooLarge(reason, limit));
    };
    // One listener for the whole body (removing it would stop the stream flowing while discarding).
    req.on("data", (chunk: Buffer) => {
      if (discarding) return;
      size += chunk.length;
      if (size > limit) refuse(`it exceeded ${limit} bytes`);
      else chunks.push(chunk);
    });
    req.once("end", () => {
      if (!discarding) resolve(Buffer.concat(chunks, size));
    });
    const disconnected = (): void => {
      if (!req.complete) reject(new ClientDisconnectedError(size));
    };
    req.once("error", disconnected);
    req.once("close", disconnected);
    const declared = Number(req.headers["content-length"]);
    if (declared > limit) refuse(`its Content-Length is ${declared} bytes`);
  });
}

function tooLarge(reason: string, limit: number): HttpError {
  return new HttpError(
    413,
    "PayloadTooLarge",
    `the request body is too large: ${reason}; the limit is ${limit} bytes (${limit / 1024 / 1024} MiB)`,
  );
}
