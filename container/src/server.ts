/**
 * The HTTP server (node:http, no framework): routing for SageMaker's two routes, JSON errors for unknown
 * routes (404), wrong methods (405 with `Allow`) and malformed requests, timeouts and keep-alive tuned
 * for a proxy in front, and draining for a graceful stop.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { HttpError } from "./errors";
import { errorMessage, type Logger } from "./log";
import { INTERNAL_ERROR, sendError } from "./respond";

/**
 * Idle keep-alive connections stay open this long: longer than the idle timeout of the proxy in front
 * (60 s is the common default), so the proxy, not the server, closes idle connections and never sends
 * a request on a connection the server is closing. Node's default (5 s) causes such resets under load.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The longest a client may take to send a whole request (SageMaker's invocation deadline). */
export const REQUEST_TIMEOUT_MS = 60_000;

/** While draining, keep-alive connections that have become idle are closed this often. */
export const DRAIN_SWEEP_MS = 50;

/** A route's listener; it must not reject (the server answers 500 if it does). */
export type RouteListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Listeners by path, then by method. */
export type Routes = Readonly<Record<string, Readonly<Record<string, RouteListener>>>>;

/** The HTTP server with in-flight tracking. */
export interface InferenceServer {
  /** The underlying node:http server (listen on it). */
  readonly server: Server;
  /** Requests being handled right now. */
  inFlight(): number;
  /**
   * Stops accepting connections, closes idle ones, lets in-flight requests finish (their connections
   * close after the response) and resolves once every connection is closed.
   */
  drain(): Promise<void>;
}

/** An HTTP server for `routes`. */
export function createInferenceServer(routes: Routes, log: Logger): InferenceServer {
  const active = new Set<ServerResponse>();
  let draining = false;
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, noDelay: true }, (req, res) => {
    active.add(res);
    res.once("close", () => active.delete(res));
    if (draining) res.setHeader("Connection", "close");
    dispatch(routes, req, res, log);
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => answerMalformed(err, socket));
  return {
    server,
    inFlight: () => active.size,
    drain: () =>
      new Promise<void>((resolve) => {
        draining = true;
        for (const res of active) {
          if (!res.headersSent) res.setHeader("Connection", "close");
        }
        const sweep = setInterval(() => server.closeIdleConnections(), DRAIN_SWEEP_MS);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
      }),
  };
}

function dispatch(routes: Routes, req: IncomingMessage, res: ServerResponse, log: Logger): void {
  const path = (req.url ?? "/").split("?")[0];
  const methods = Object.hasOwn(routes, path) ? routes[path] : undefined;
  if (methods === undefined) {
    const known = Object.entries(routes).map(([route, byMethod]) => `${Object.keys(byMethod).join("|")} ${route}`);
    return sendError(res, new HttpError(404, "NotFound", `no route for ${path}; this server answers ${known.join(" and ")}`));
  }
  const listener = Object.hasOwn(methods, req.method ?? "") ? methods[req.method ?? ""] : undefined;
  if (listener === undefined) {
    const allow = Object.keys(methods).join(", ");
    return sendError(res, new HttpError(405, "MethodNotAllowed", `${req.method} is not allowed on ${path}; use ${allow}`, { Allow: allow }));
  }
  Promise.resolve()
    .then(() => listener(req, res))
    .catch((err: unknown) => {
      log.error("request failed", { path, error: errorMessage(err) });
      if (!res.headersSent) sendError(res, INTERNAL_ERROR);
    });
}

/** What the parser errors mean, for the few a caller can fix. */
const MALFORMED_HINTS: Readonly<Record<string, string>> = {
  HPE_INVALID_HEADER_TOKEN: "a header name or value has an invalid character, e.g. a control character",
  HPE_INVALID_METHOD: "unknown method",
  HPE_INVALID_CONTENT_LENGTH: "invalid Content-Length",
};

/** Answers a request Node could not parse (400), whose headers are too large (431) or too slow (408), then closes. */
function answerMalformed(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "HeadersTooLarge", "the request headers are too large"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "RequestTimeout", `the request was not received within ${REQUEST_TIMEOUT_MS / 1000} s`]
        : [400, "MalformedRequest", `the request is not valid HTTP/1.1 (${MALFORMED_HINTS[err.code ?? ""] ?? err.code ?? "parse error"})`];
  const body = JSON.stringify(new HttpError(status, code, message).body());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
