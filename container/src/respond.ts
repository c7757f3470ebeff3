/** Writing complete responses: a body with its type, or a JSON error. */
import type { ServerResponse } from "node:http";
import { HttpError } from "./errors";

/** Sends `body` with `status`, its `Content-Type` and `Content-Length`, plus `headers`. */
export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Uint8Array,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    ...headers,
    "Content-Type": contentType,
    "Content-Length": typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
  });
  res.end(body);
}

/** Sends `value` as `application/json`. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, "application/json", JSON.stringify(value));
}

/** Sends the error's status, headers and `{"error": {"code", "message"}}` body. */
export function sendError(res: ServerResponse, err: HttpError): void {
  send(res, err.status, "application/json", JSON.stringify(err.body()), err.headers);
}

/** The 500 for an unexpected failure; the detail goes to the log, not to the caller. */
export const INTERNAL_ERROR = new HttpError(500, "InternalError", "the model server failed to handle the request; see its log");
