/**
 * The HTTP server (node:http, no framework): routing for SageMaker's two routes, JSON errors for unknown
 * routes (404), wrong methods (405 with `Allow`) and malformed requests, timeouts and keep-alive tuned
 * for a proxy in front, and a drain that loses no request for a graceful stop.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";
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

/**
 * While draining, a connection with no request being answered is closed once it has been quiet this
 * long (since the drain began or since its last response): long enough for a client that was about to
 * send its next request on a keep-alive connection to have sent it (it is then answered with
 * `Connection: close`), short enough that idle connections and half-sent requests do not hold the exit.
 */
export const DRAIN_QUIET_MS = 1_000;

/** While draining, connections are checked this often. */
export const DRAIN_SWEEP_MS = 50;

/** After an answer that closes the connection (`Connection: close`, 408, 504), the socket is destroyed this long later at the latest. */
export const CLOSE_GRACE_MS = 2_000;

/** A route's listener; it must not reject (the server answers 500 if it does). */
export type RouteListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Listeners by path, then by method. */
export type Routes = Readonly<Record<string, Readonly<Record<string, RouteListener>>>>;

/** What a drain did, for the shutdown log line. */
export interface DrainReport {
  /** Requests answered after the drain began (including those in flight when it began). */
  readonly answered: number;
  /** Keep-alive connections closed while idle between requests. */
  readonly closedIdle: number;
  /** Connections destroyed while holding an incomplete request (headers or body not fully sent, never handled). */
  readonly cutIncomplete: number;
  /** Requests still being handled at the deadline, whose connections were destroyed (0 on a clean drain). */
  readonly cutInFlight: number;
}

/** The HTTP server with in-flight tracking. */
export interface InferenceServer {
  /** The underlying node:http server (listen on it). */
  readonly server: Server;
  /** Requests being handled right now. */
  inFlight(): number;
  /**
   * Stops accepting connections and lets every request already received or arriving on an open
   * connection finish, answered with `Connection: close`; closes each connection between requests once
   * it has been quiet for `DRAIN_QUIET_MS`. At `deadlineMs` (Infinity: never) the remaining connections
   * are destroyed.
   * Resolves once every connection is closed.
   */
  drain(deadlineMs: number): Promise<DrainReport>;
}

/** Per-connection bookkeeping for the drain. */
interface Connection {
  /** Requests of this connection being handled. */
  busy: number;
  /** When its last response finished (or when it connected). */
  quietSince: number;
  /** `socket.bytesRead` at that moment: more bytes since then mean a request has begun arriving. */
  bytesAtQuiet: number;
}

/** Timeouts of the server (tests shorten them). */
export interface ServerTimeouts {
  /** The longest a client may take to send a whole request, in ms (default `REQUEST_TIMEOUT_MS`, 60 000). */
  readonly requestTimeoutMs?: number;
  /** How often Node checks requests against that timeout, in ms (default Node's 30 000). */
  readonly timeoutCheckIntervalMs?: number;
}

/** An HTTP server for `routes`. */
export function createInferenceServer(routes: Routes, log: Logger, timeouts: ServerTimeouts = {}): InferenceServer {
  const requestTimeout = timeouts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const connections = new Map<Socket, Connection>();
  const active = new Set<ServerResponse>();
  let draining = false;
  let answeredWhileDraining = 0;
  // requireHostHeader off: a request without Host gets the JSON 400 below instead of Node's empty one.
  const options = {
    requestTimeout,
    noDelay: true,
    requireHostHeader: false,
    ...(timeouts.timeoutCheckIntervalMs === undefined ? {} : { connectionsCheckingInterval: timeouts.timeoutCheckIntervalMs }),
  };
  const server = createServer(options, (req, res) => {
    const connection = connections.get(req.socket);
    if (connection !== undefined) connection.busy += 1;
    active.add(res);
    res.once("close", () => {
      active.delete(res);
      if (draining) answeredWhileDraining += 1;
      if (connection !== undefined) {
        connection.busy -= 1;
        connection.quietSince = performance.now();
        connection.bytesAtQuiet = req.socket.bytesRead;
      }
    });
    res.once("finish", () => {
      // Node ends the socket after an answer with `Connection: close` but keeps it half-open.
      if (req.socket.writableEnded) destroyAfterGrace(req.socket);
    });
    if (draining) res.setHeader("Connection", "close");
    if (req.httpVersion === "1.1" && req.headers.host === undefined) {
      res.setHeader("Connection", "close");
      return sendError(res, new HttpError(400, "MissingHost", "an HTTP/1.1 request needs a Host header"));
    }
    dispatch(routes, req, res, log);
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on("connection", (socket: Socket) => {
    connections.set(socket, { busy: 0, quietSince: performance.now(), bytesAtQuiet: 0 });
    socket.once("close", () => connections.delete(socket));
  });
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => answerMalformed(err, socket, requestTimeout));
  server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("Connection", "close");
    sendError(res, new HttpError(417, "ExpectationFailed", `unsupported Expect: ${req.headers.expect}; only 100-continue is supported`));
  });
  return {
    server,
    inFlight: () => active.size,
    drain: (deadlineMs) =>
      new Promise<DrainReport>((resolve) => {
        draining = true;
        const began = performance.now();
        let closedIdle = 0;
        let cutIncomplete = 0;
        let cutInFlight = 0;
        for (const res of active) {
          if (!res.headersSent) res.setHeader("Connection", "close");
        }
        const sweep = setInterval(() => {
          const now = performance.now();
          for (const [socket, connection] of connections) {
            if (connection.busy > 0 || now - Math.max(began, connection.quietSince) < DRAIN_QUIET_MS) continue;
            if (socket.bytesRead > connection.bytesAtQuiet) cutIncomplete += 1;
            else closedIdle += 1;
            socket.destroy();
          }
        }, DRAIN_SWEEP_MS);
        const cutAll = (): void => {
          for (const [socket, connection] of connections) {
            if (connection.busy > 0) cutInFlight += connection.busy;
            else if (socket.bytesRead > connection.bytesAtQuiet) cutIncomplete += 1;
            else closedIdle += 1;
            socket.destroy();
          }
        };
        const deadline = Number.isFinite(deadlineMs) ? setTimeout(cutAll, deadlineMs) : undefined;
        // net.Server's close, not http.Server's: the latter destroys every connection the parser sees as
        // idle at once, including those whose next request is already on its way (the client then gets
        // ECONNRESET). Its callback runs once the last connection has closed.
        NetServer.prototype.close.call(server, () => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve({ answered: answeredWhileDraining - cutInFlight, closedIdle, cutIncomplete, cutInFlight });
        });
      }),
  };
}

function dispatch(routes: Routes, req: IncomingMessage, res: ServerResponse, log: Logger): void {
  const path = requestPath(req.url ?? "/");
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

/** The path of a request target in origin form (`/ping?x`) or absolute form (`http://host/ping`, which HTTP/1.1 servers must accept). */
function requestPath(target: string): string {
  if (/^https?:\/\//i.test(target) && URL.canParse(target)) return new URL(target).pathname;
  return target.split("?")[0];
}

/** What the parser errors mean, for the few a caller can fix. */
const MALFORMED_HINTS: Readonly<Record<string, string>> = {
  HPE_INVALID_HEADER_TOKEN: "a header name or value has an invalid character, e.g. a control character",
  HPE_INVALID_METHOD: "unknown method",
  HPE_INVALID_CONTENT_LENGTH: "invalid Content-Length",
};

/** Answers a request Node could not parse (400), whose headers are too large (431) or too slow (408), then closes. */
function answerMalformed(err: NodeJS.ErrnoException, socket: Duplex, requestTimeoutMs: number): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "HeadersTooLarge", "the request headers are too large"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "RequestTimeout", `the request was not received within ${requestTimeoutMs / 1000} s`]
        : [400, "MalformedRequest", `the request is not valid HTTP/1.1 (${MALFORMED_HINTS[err.code ?? ""] ?? err.code ?? "parse error"})`];
  const body = JSON.stringify(new HttpError(status, code, message).body());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  destroyAfterGrace(socket);
}

/**
 * Destroys a socket whose last answer has been sent, `CLOSE_GRACE_MS` later unless it closes first. The
 * server allows half-open sockets: a client that ignores the answer and never closes its side would
 * otherwise keep the socket (and its file descriptor) forever.
 */
function destroyAfterGrace(socket: Duplex): void {
  const timer = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  socket.once("close", () => clearTimeout(timer));
}
