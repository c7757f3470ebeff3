/**
 * The bad-input matrix: every malformed request gets a 4xx with a JSON error naming the problem, never
 * a 5xx, and the server keeps serving. The real server on a loopback port, real HTTP.
 */
import { strict as assert } from "node:assert";
import type { RunningServer } from "../../container/src/start";
import { captureLogs } from "./helpers/logs";
import { chunkedUpload, invoke, parseResponses, rawRequest, request, type Reply } from "./helpers/http";
import { startTestServer } from "./helpers/server";

const MiB = 1024 * 1024;
const CLOSING_PING = "GET /ping HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
const GOOD_ROW = [120, 3, 15, 4];

interface Case {
  /** What is wrong with the request. */
  readonly name: string;
  /** Sends the request against the server at `base` (port `port`). */
  readonly send: (base: string, port: number) => Promise<Pick<Reply, "status" | "json" | "headers">>;
  readonly status: number;
  readonly code: string;
  /** A piece of the message that names the problem. */
  readonly message: string | RegExp;
}

const json = (body: unknown, headers: Record<string, string> = {}) => (base: string) => invoke(base, body, headers);
const csv = (body: string) => (base: string) => invoke(base, body, { "Content-Type": "text/csv" });
const attributes = (value: string) => (base: string) =>
  invoke(base, { instances: [GOOD_ROW] }, { "X-Amzn-SageMaker-Custom-Attributes": value });

/** The first reply to a raw HTTP/1.1 exchange (for requests fetch will not send). */
async function raw(port: number, text: string): Promise<Pick<Reply, "status" | "json" | "headers">> {
  const [first] = parseResponses(await rawRequest(port, text));
  return { ...first, headers: new Headers() };
}

const cases: Case[] = [
  { name: "invalid JSON", send: json('{"instances": [[1, 2, 3, 4]'), status: 400, code: "InvalidJson", message: "not valid JSON" },
  { name: "NaN literal in JSON", send: json('{"instances": [[NaN, 2, 3, 4]]}'), status: 400, code: "InvalidJson", message: "not valid JSON" },
  { name: "empty body", send: json(""), status: 400, code: "EmptyBody", message: "body is empty" },
  { name: "a JSON array, not an object", send: json([GOOD_ROW]), status: 400, code: "InvalidShape", message: "must be a JSON object" },
  { name: "JSON null", send: json("null"), status: 400, code: "InvalidShape", message: "got null" },
  { name: "instances missing", send: json({ rows: [GOOD_ROW] }), status: 400, code: "InvalidShape", message: '"instances" is missing' },
  { name: "instances not an array", send: json({ instances: "1,2,3,4" }), status: 400, code: "InvalidShape", message: '"instances" must be an array' },
  { name: "no instances", send: json({ instances: [] }), status: 400, code: "InvalidShape", message: "no instances" },
  { name: "a row that is not an array", send: json({ instances: [GOOD_ROW, 7] }), status: 400, code: "InvalidShape", message: "instances[1] must be an array" },
  { name: "ragged rows", send: json({ instances: [GOOD_ROW, [1, 2]] }), status: 400, code: "RaggedRows", message: "instances[1] has 2 values but instances[0] has 4" },
  { name: "too few features for the model", send: json({ instances: [[1, 2, 3]] }), status: 400, code: "FeatureCountMismatch", message: "needs 4 values (area_m2, bedrooms, age_years, distance_km), got 3" },
  { name: "too many features for the model", send: json({ instances: [[1, 2, 3, 4, 5]] }), status: 400, code: "FeatureCountMismatch", message: "got 5" },
  { name: "a string value", send: json({ instances: [[1, "two", 3, 4]] }), status: 400, code: "NonNumericValue", message: 'instances[0][1] must be a number, got the string "two"' },
  { name: "a null value", send: json({ instances: [[1, 2, null, 4]] }), status: 400, code: "NonNumericValue", message: "instances[0][2] must be a number, got null" },
  { name: "a boolean value", send: json({ instances: [[true, 2, 3, 4]] }), status: 400, code: "NonNumericValue", message: "got a boolean" },
  { name: "a number that overflows to Infinity", send: json('{"instances": [[1e999, 2, 3, 4]]}'), status: 400, code: "NonFiniteValue", message: "instances[0][0] is Infinity" },
  { name: "a CSV cell that is not a number", send: csv("1,2,3,4\n5,6,seven,8\n"), status: 400, code: "NonNumericValue", message: 'CSV line 2, column 3: "seven" is not a number' },
  { name: "an empty CSV cell", send: csv("1,,3,4\n"), status: 400, code: "NonNumericValue", message: 'CSV line 1, column 2: "" is not a number' },
  { name: "a CSV header row", send: csv("area_m2,bedrooms,age_years,distance_km\n1,2,3,4\n"), status: 400, code: "NonNumericValue", message: "CSV line 1, column 1" },
  { name: "NaN in CSV", send: csv("1,2,NaN,4\n"), status: 400, code: "NonFiniteValue", message: "CSV line 1, column 3 is NaN" },
  { name: "Infinity in CSV", send: csv("1,2,3,-Infinity\n"), status: 400, code: "NonFiniteValue", message: "column 4 is -Infinity" },
  { name: "ragged CSV rows", send: csv("1,2,3,4\n1,2,3\n"), status: 400, code: "RaggedRows", message: "CSV line 2 has 3 values but CSV line 1 has 4" },
  { name: "an empty CSV line between rows", send: csv("1,2,3,4\n\n1,2,3,4\n"), status: 400, code: "InvalidCsv", message: "CSV line 2 is empty" },
  { name: "whitespace-only CSV", send: csv("  \n\n"), status: 400, code: "InvalidShape", message: "no instances" },
  { name: "unsupported Content-Type", send: json({ instances: [GOOD_ROW] }, { "Content-Type": "text/plain" }), status: 415, code: "UnsupportedMediaType", message: "application/json, text/csv" },
  { name: "a nonsense Content-Type", send: json({ instances: [GOOD_ROW] }, { "Content-Type": "garbage" }), status: 415, code: "UnsupportedMediaType", message: '"garbage"' },
  { name: "unsupported Accept", send: json({ instances: [GOOD_ROW] }, { Accept: "application/xml" }), status: 406, code: "NotAcceptable", message: '"application/xml"' },
  { name: "Accept refusing every type (q=0)", send: json({ instances: [GOOD_ROW] }, { Accept: "application/json;q=0, text/csv;q=0" }), status: 406, code: "NotAcceptable", message: "application/json, text/csv" },
  { name: "custom attributes over 1024 characters", send: attributes(`a=${"x".repeat(1023)}`), status: 400, code: "InvalidCustomAttributes", message: "1025 characters long; at most 1024" },
  { name: "non-ASCII custom attributes", send: attributes("tenant=\u00e9"), status: 400, code: "InvalidCustomAttributes", message: "non-ASCII character (U+00E9) at position 8" },
  {
    name: "a control character in custom attributes (refused by the HTTP parser)",
    send: (_base, port) =>
      raw(port, `POST /invocations HTTP/1.1\r\nHost: x\r\nX-Amzn-SageMaker-Custom-Attributes: a=\x01\r\nContent-Length: 0\r\n\r\n`),
    status: 400,
    code: "MalformedRequest",
    message: "invalid character",
  },
  { name: "not HTTP at all", send: (_base, port) => raw(port, "HELLO\r\n\r\n"), status: 400, code: "MalformedRequest", message: "not valid HTTP/1.1" },
  { name: "an unknown route", send: (base) => request(`${base}/predict`, { method: "POST", body: "{}" }), status: 404, code: "NotFound", message: "no route for /predict" },
  { name: "GET /invocations", send: (base) => request(`${base}/invocations`), status: 405, code: "MethodNotAllowed", message: "GET is not allowed on /invocations; use POST" },
  { name: "POST /ping", send: (base) => request(`${base}/ping`, { method: "POST" }), status: 405, code: "MethodNotAllowed", message: "use GET" },
  {
    name: "a body over 6 MiB (Content-Length)",
    send: json(Buffer.alloc(6 * MiB + 1, 0x20)),
    status: 413,
    code: "PayloadTooLarge",
    message: "Content-Length is 6291457 bytes; the limit is 6291456 bytes (6 MiB)",
  },
  {
    name: "a body over 6 MiB (chunked, no Content-Length)",
    send: async (_base, port) => {
      const { replies } = await chunkedUpload(port, Buffer.alloc(MiB, 0x20), 8, CLOSING_PING);
      return { ...replies[0], headers: new Headers() };
    },
    status: 413,
    code: "PayloadTooLarge",
    message: "exceeded 6291456 bytes",
  },
];

describe("container: bad input", () => {
  let server: RunningServer;
  const { log, lines } = captureLogs();

  before(async () => {
    server = await startTestServer({}, { log });
  });
  after(() => server.close());

  for (const c of cases) {
    it(`${c.name} -> ${c.status} ${c.code}`, async () => {
      const reply = await c.send(server.url, server.port);
      assert.equal(reply.status, c.status, JSON.stringify(reply.json));
      assert.equal(reply.json.error.code, c.code);
      if (typeof c.message === "string") assert.ok(reply.json.error.message.includes(c.message), reply.json.error.message);
      else assert.match(reply.json.error.message, c.message);
      if (c.status === 405) assert.ok(reply.headers.get("allow"));
    });
  }

  it("accepts a body of exactly 6 MiB", async () => {
    const payload = JSON.stringify({ instances: [GOOD_ROW] });
    const body = payload + " ".repeat(6 * MiB - payload.length);
    const reply = await invoke(server.url, body);
    assert.equal(reply.status, 200);
    assert.equal(reply.json.predictions.length, 1);
  });

  it("answers an oversized upload with 413 before it ends, drops the rest unbuffered and keeps the connection usable", async () => {
    const valid = JSON.stringify({ instances: [GOOD_ROW] });
    const next =
      "POST /invocations HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n" +
      `Content-Length: ${valid.length}\r\nConnection: close\r\n\r\n${valid}`;
    const { replies, chunksBeforeReply } = await chunkedUpload(server.port, Buffer.alloc(MiB, 0x20), 64, next);
    assert.deepEqual(replies.map((reply) => reply.status), [413, 200]);
    assert.ok(chunksBeforeReply < 32, `the 413 came after ${chunksBeforeReply} of 64 MiB`);
    assert.equal(replies[1].json.predictions.length, 1);
  });

  it("keeps serving after the matrix, and logged each rejection as one line without a stack", async () => {
    assert.equal((await request(`${server.url}/ping`)).status, 200);
    const rejected = lines.filter((line) => line.msg === "invocation rejected");
    assert.ok(rejected.length >= 25, `only ${rejected.length} rejections logged`);
    assert.ok(rejected.every((line) => !("stack" in line) && typeof line.code === "string"));
  });
});
