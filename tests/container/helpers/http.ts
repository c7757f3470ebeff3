/** HTTP helpers for the container tests: fetch-based calls and a raw socket for what fetch refuses to send. */
import { request as httpRequest } from "node:http";
import { connect } from "node:net";

/** A response with its body parsed as JSON when it is JSON. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body (undefined when not JSON). */
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Sends a request with node's fetch and reads the whole reply. */
export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  if ((res.headers.get("content-type") ?? "").startsWith("application/json")) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, json };
}

/** POSTs `body` (an object is sent as JSON) to `<base>/invocations`. */
export function invoke(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  return request(`${base}/invocations`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: payload,
  });
}

/**
 * POSTs `body` as JSON to `<base>/invocations` on a new connection (no keep-alive pool): with workers the
 * primary hands each connection to the next worker, and a request never lands on a dead worker's socket.
 */
export function invokeOnNewConnection(base: string, body: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(payload) };
    const req = httpRequest(`${base}/invocations`, { method: "POST", agent: false, headers }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** Writes `raw` bytes to host:port and resolves with everything the server sends until it closes. */
export function rawRequest(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("error", reject);
  });
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` every `intervalMs` until it returns true; rejects after `timeoutMs`. Resolves with the wait in ms. */
export async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
  return Date.now() - started;
}

/** A status and JSON body parsed from raw HTTP/1.1 responses. */
export interface RawReply {
  readonly status: number;
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Splits a stream of HTTP/1.1 responses (each with a Content-Length) into status + parsed body. */
export function parseResponses(raw: string): RawReply[] {
  const replies: RawReply[] = [];
  let rest = raw;
  while (rest.startsWith("HTTP/1.1 ")) {
    const headEnd = rest.indexOf("\r\n\r\n");
    const head = rest.slice(0, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const body = rest.slice(headEnd + 4, headEnd + 4 + length);
    replies.push({ status: Number(head.split(" ")[1]), json: JSON.parse(body) });
    rest = rest.slice(headEnd + 4 + length);
  }
  return replies;
}

/**
 * Over one keep-alive connection: POSTs `count` copies of `chunk` to /invocations with chunked transfer
 * encoding (no Content-Length), writing every chunk whatever the server answers, then sends `next`
 * (a whole raw request, which should close the connection). Resolves with the replies and the number of
 * chunks written when the first reply arrived.
 */
export function chunkedUpload(port: number, chunk: Buffer, count: number, next: string): Promise<{ replies: RawReply[]; chunksBeforeReply: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    let written = 0;
    let chunksBeforeReply = -1;
    socket.on("data", (data: Buffer) => {
      if (chunksBeforeReply < 0) chunksBeforeReply = written;
      received.push(data);
    });
    socket.on("end", () => resolve({ replies: parseResponses(Buffer.concat(received).toString("latin1")), chunksBeforeReply }));
    socket.on("error", reject);
    socket.write("POST /invocations HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    const pump = (): void => {
      while (written < count) {
        written += 1;
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        if (!socket.write("\r\n")) return void socket.once("drain", pump);
      }
      socket.write(`0\r\n\r\n${next}`);
    };
    socket.once("connect", pump);
  });
}
