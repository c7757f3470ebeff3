/**
 * Socket hygiene of the HTTP server, over raw loopback sockets: a socket answered with a timeout (408,
 * 504) is destroyed even when the client never closes its side; every 4xx Node itself would emit has a
 * JSON body; absolute-form targets are routed; a client leaving mid-body is one info line.
 */
import { strict as assert } from "node:assert";
import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import { pingRoute } from "../../container/src/ping";
import { createInferenceServer, type InferenceServer } from "../../container/src/server";
import type { RunningServer } from "../../container/src/start";
import { unavailableTags } from "../../container/src/tags/tag-provider";
import { parseResponses, rawRequest, sleep, waitFor } from "./helpers/http";
import { captureLogs, type LogLine } from "./helpers/logs";
import { startTestServer } from "./helpers/server";
import { slowEchoHandler } from "./helpers/slow-handler";

/** A client socket that keeps its side open after the server's FIN (as a careless client would). */
function halfOpenClient(port: number, raw: string): { socket: Socket; received: () => string } {
  const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true }, () => socket.write(raw));
  let text = "";
  socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
  socket.on("error", () => undefined);
  return { socket, received: () => text };
}

function connectionCount(server: { getConnections(cb: (err: Error | null, count: number) => void): void }): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((err, count) => (err ? reject(err) : resolve(count))));
}

describe("container: socket hygiene", function () {
  this.timeout(15_000);
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });

  describe("408 for a request not received in time", () => {
    let http: InferenceServer;
    let port: number;
    before(async () => {
      http = createInferenceServer({ "/ping": { GET: pingRoute(unavailableTags("off"), false) } }, captureLogs().log, {
        requestTimeoutMs: 300,
        timeoutCheckIntervalMs: 100,
      });
      await new Promise<void>((resolve) => http.server.listen(0, "127.0.0.1", resolve));
      port = (http.server.address() as AddressInfo).port;
    });
    after(() => http.drain(0));

    it("answers a JSON 408 and destroys the socket although the client never closes its side", async () => {
      const client = halfOpenClient(port, "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Le");
      sockets.push(client.socket);
      await waitFor(async () => client.received().includes("\r\n\r\n{"), 3_000);
      const [reply] = parseResponses(client.received());
      assert.equal(reply.status, 408);
      assert.equal(reply.json.error.code, "RequestTimeout");
      await waitFor(async () => (await connectionCount(http.server)) === 0, 5_000);
    });
  });

  describe("on the model server", () => {
    let server: RunningServer;
    let port: number;
    let lines: LogLine[];
    const slow = slowEchoHandler((input) => (input === "slow" ? 1_000 : 0));
    before(async () => {
      const captured = captureLogs();
      lines = captured.lines;
      server = await startTestServer({}, { log: captured.log, handler: slow, invocationTimeoutMs: 200 });
      port = server.port;
    });
    after(() => server.close());

    it("answers 504 with Connection: close and destroys the socket although the client never closes its side", async () => {
      const client = halfOpenClient(port, "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nslow");
      sockets.push(client.socket);
      await waitFor(async () => client.received().includes("\r\n\r\n{"), 3_000);
      assert.match(client.received(), /^HTTP\/1\.1 504 .*\r\nConnection: close\r\n/s);
      await sleep(2_500); // CLOSE_GRACE_MS
      // The server released its socket: what the client sends now is answered with a reset (seen by the
      // second write), not served or ignored.
      const outcome = await new Promise<string>((resolve) => {
        client.socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
        client.socket.write("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        setTimeout(() => client.socket.write("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n"), 500);
        setTimeout(() => resolve(client.received().includes("healthy") ? "served" : "ignored"), 2_000);
      });
      assert.ok(outcome === "ECONNRESET" || outcome === "EPIPE", outcome);
    });

    it("answers a request without Host with a JSON 400", async () => {
      const [reply] = parseResponses(await rawRequest(port, "GET /ping HTTP/1.1\r\n\r\n"));
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.json, { error: { code: "MissingHost", message: "an HTTP/1.1 request needs a Host header" } });
    });

    it("answers headers that are too large with a JSON 431", async () => {
      const [reply] = parseResponses(await rawRequest(port, `GET /ping HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`));
      assert.equal(reply.status, 431);
      assert.equal(reply.json.error.code, "HeadersTooLarge");
    });

    it("answers an unsupported Expect with a JSON 417", async () => {
      const [reply] = parseResponses(await rawRequest(port, "GET /ping HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n\r\n"));
      assert.equal(reply.status, 417);
      assert.equal(reply.json.error.code, "ExpectationFailed");
    });

    it("routes an absolute-form target (GET http://host/ping)", async () => {
      const [reply] = parseResponses(await rawRequest(port, "GET http://model.local:8080/ping?probe=1 HTTP/1.1\r\nHost: model.local\r\nConnection: close\r\n\r\n"));
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json, { status: "healthy" });
    });

    it("logs a client that disconnects mid-body as one info line, no error", async () => {
      const socket = connect(port, "127.0.0.1", () =>
        socket.write("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nonly part"),
      );
      socket.on("error", () => undefined);
      await sleep(50); // well within the 200 ms invocation deadline of this server
      socket.destroy();
      await waitFor(async () => lines.some((line) => line.msg === "client disconnected before sending the whole request"), 3_000);
      await sleep(100);
      const disconnects = lines.filter((line) => line.msg === "client disconnected before sending the whole request");
      assert.deepEqual(disconnects.map((line) => [line.level, line.receivedBytes]), [["info", 9]]);
      assert.deepEqual(lines.filter((line) => line.level === "error"), []);
    });
  });
});
