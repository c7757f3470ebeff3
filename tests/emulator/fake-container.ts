// A tiny stand-in for the inference container: records each /invocations request and answers with what
// the test sets (status, body, headers); by default it echoes what it received as JSON.
import { IncomingMessage, Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake container received. */
export interface ReceivedRequest {
  /** Method and path, e.g. `POST /invocations`. */
  route: string;
  /** Request headers (lower-case names). */
  headers: IncomingMessage["headers"];
  /** Request body. */
  body: Buffer;
}

/** What the fake container answers; undefined members fall back to the echo. */
export interface CannedAnswer {
  /** HTTP status. Default 200. */
  status?: number;
  /** Body. Default: the echo JSON. */
  body?: string;
  /** Response headers. Default: JSON content type and the request's custom attributes echoed. */
  headers?: Record<string, string>;
}

/** A running fake container. */
export interface FakeContainer {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** Requests received so far. */
  received: ReceivedRequest[];
  /** Sets the answer to the next requests. */
  answer(canned: CannedAnswer): void;
  /** Stops it. */
  close(): Promise<void>;
}

/** Starts a fake container on 127.0.0.1:0. */
export async function startFakeContainer(): Promise<FakeContainer> {
  const received: ReceivedRequest[] = [];
  let canned: CannedAnswer = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      received.push({ route: `${req.method} ${req.url}`, headers: req.headers, body });
      const attributes = req.headers["x-amzn-sagemaker-custom-attributes"];
      const echo = JSON.stringify({ bytes: body.length, contentType: req.headers["content-type"], accept: req.headers.accept });
      res.writeHead(canned.status ?? 200, canned.headers ?? {
        "Content-Type": "application/json",
        ...(typeof attributes === "string" ? { "X-Amzn-SageMaker-Custom-Attributes": attributes } : {}),
      });
      res.end(canned.body ?? echo);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer(next) {
      canned = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
