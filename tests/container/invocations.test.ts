/**
 * Successful invocations through real HTTP: the sample linear model's predictions (checked against the
 * weights in container/model/model.json), JSON and CSV in and out, Accept negotiation, custom attributes
 * and the inference id, and the handler API with a custom handler (errors, deadline).
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidInputError } from "../../container/src/errors";
import type { InferenceHandler } from "../../container/src/handler";
import type { RunningServer } from "../../container/src/start";
import { captureLogs } from "./helpers/logs";
import { invoke, request, sleep } from "./helpers/http";
import { MODEL_DIR, startTestServer } from "./helpers/server";

const model = JSON.parse(readFileSync(join(MODEL_DIR, "model.json"), "utf8")) as { weights: number[]; bias: number };
const expected = (row: number[]): number => model.bias + row.reduce((sum, x, i) => sum + x * model.weights[i], 0);
const ROWS = [
  [120, 3, 15, 4],
  [65.5, 1, 40, 12.25],
  [0, 0, 0, 0],
];

describe("container: invocations", () => {
  describe("the sample linear model", () => {
    let server: RunningServer;
    before(async () => {
      server = await startTestServer({ SAGEMAKER_ENDPOINT_NAME: "sample-endpoint" }, { log: captureLogs().log });
    });
    after(() => server.close());

    it("answers /ping with 200", async () => {
      const reply = await request(`${server.url}/ping`);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json, { status: "healthy" });
    });

    it("predicts JSON instances with the shipped weights, in the contract's response shape", async () => {
      const reply = await invoke(server.url, { instances: ROWS });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get("content-type"), "application/json");
      assert.deepEqual(reply.json, {
        predictions: ROWS.map(expected),
        deployment: {
          endpointName: "sample-endpoint",
          variantName: null,
          modelName: null,
          endpointConfigName: null,
          tags: {},
          tagsStatus: "unavailable",
          tagsLoadedAt: null,
          tagsAgeSeconds: null,
        },
        customAttributes: null,
        inferenceId: null,
      });
      assert.equal(reply.headers.get("x-amzn-sagemaker-custom-attributes"), null);
    });

    it("reads text/csv rows (CRLF, spaces, no trailing newline) and answers JSON by default", async () => {
      const reply = await invoke(server.url, "120, 3, 15, 4\r\n65.5,1,40,12.25", { "Content-Type": "text/csv" });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json.predictions, ROWS.slice(0, 2).map(expected));
    });

    it("answers text/csv, one prediction per line, when Accept asks for it", async () => {
      const csv = `${ROWS.map((row) => row.join(",")).join("\n")}\n`;
      const reply = await invoke(server.url, csv, { "Content-Type": "text/csv", Accept: "text/csv" });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get("content-type"), "text/csv");
      assert.equal(reply.text, ROWS.map((row) => `${expected(row)}\n`).join(""));
    });

    const negotiation: [string, string | undefined, string][] = [
      ["no Accept", undefined, "application/json"],
      ["*/*", "*/*", "application/json"],
      ["text/*", "text/*", "text/csv"],
      ["q-values preferring CSV", "application/json;q=0.4, text/csv;q=0.8", "text/csv"],
      ["an unsupported type before a supported one", "application/xml, application/json", "application/json"],
    ];
    for (const [name, accept, type] of negotiation) {
      it(`negotiates ${type} for ${name}`, async () => {
        const headers: Record<string, string> = accept === undefined ? {} : { Accept: accept };
        const reply = await invoke(server.url, { instances: [ROWS[0]] }, headers);
        assert.equal(reply.status, 200);
        assert.equal(reply.headers.get("content-type"), type);
      });
    }

    it("accepts a Content-Type with parameters and a request without one (JSON assumed)", async () => {
      const withCharset = await invoke(server.url, { instances: [ROWS[0]] }, { "Content-Type": "application/json; charset=utf-8" });
      assert.equal(withCharset.status, 200);
      const res = await fetch(`${server.url}/invocations`, { method: "POST", body: new Blob([JSON.stringify({ instances: [ROWS[0]] })]) });
      assert.equal(res.status, 200);
      assert.deepEqual(((await res.json()) as { predictions: number[] }).predictions, [expected(ROWS[0])]);
    });

    it("parses key=value custom attributes, echoes them in the response header and returns the inference id", async () => {
      const raw = "trace=abc-123;tenant=7;token=a=b==";
      const reply = await invoke(server.url, { instances: [ROWS[0]] }, {
        "X-Amzn-SageMaker-Custom-Attributes": raw,
        "X-Amzn-SageMaker-Inference-Id": "inf-42",
      });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get("x-amzn-sagemaker-custom-attributes"), raw);
      assert.deepEqual(reply.json.customAttributes, { raw, attributes: { trace: "abc-123", tenant: "7", token: "a=b==" } });
      assert.equal(reply.json.inferenceId, "inf-42");
    });

    it("passes custom attributes that are not key=value pairs through as an opaque value", async () => {
      const raw = "Trace ID: 1-5759e988-bd862e3fe1be46a994272793";
      const reply = await invoke(server.url, { instances: [ROWS[0]] }, { "X-Amzn-SageMaker-Custom-Attributes": raw });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json.customAttributes, { raw, attributes: null });
      assert.equal(reply.headers.get("x-amzn-sagemaker-custom-attributes"), raw);
    });

    it("accepts custom attributes of exactly 1024 characters", async () => {
      const raw = `k=${"v".repeat(1022)}`;
      const reply = await invoke(server.url, { instances: [ROWS[0]] }, { "X-Amzn-SageMaker-Custom-Attributes": raw });
      assert.equal(reply.status, 200);
      assert.equal(reply.json.customAttributes.raw.length, 1024);
    });
  });

  describe("a custom handler", () => {
    const { log, lines } = captureLogs();
    let server: RunningServer;
    const seen: unknown[] = [];
    const handler: InferenceHandler<{ factor: number }, string, string> = {
      contentTypes: ["text/plain"],
      accepts: ["application/x-echo"],
      modelFn: (modelDir) => ({ factor: modelDir.length }),
      inputFn: (body) => body.toString("utf8"),
      async predictFn(input, model, context) {
        seen.push({ input, model, attributes: context.customAttributes?.attributes, status: context.tags.status });
        if (input === "crash") throw new Error("the model exploded");
        if (input === "invalid") throw new InvalidInputError("NotAWord", "send a word");
        if (input === "slow") await sleep(1_000);
        return input.toUpperCase();
      },
      outputFn: (prediction, accept) => `${accept}:${prediction}`,
    };

    before(async () => {
      server = await startTestServer({}, { log, handler, invocationTimeoutMs: 200 });
    });
    after(() => server.close());

    it("loads the model with modelFn(modelDir) and gives each step the context", async () => {
      const reply = await invoke(server.url, "hello", { "Content-Type": "text/plain", "X-Amzn-SageMaker-Custom-Attributes": "a=1" });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get("content-type"), "application/x-echo");
      assert.equal(reply.text, "application/x-echo:HELLO");
      assert.deepEqual(seen.at(-1), { input: "hello", model: { factor: MODEL_DIR.length }, attributes: { a: "1" }, status: "unavailable" });
    });

    it("turns an InvalidInputError into a 400 with its code", async () => {
      const reply = await invoke(server.url, "invalid", { "Content-Type": "text/plain" });
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.json, { error: { code: "NotAWord", message: "send a word" } });
    });

    it("turns any other handler error into a 500 with a JSON body and a log line, and keeps serving", async () => {
      const reply = await invoke(server.url, "crash", { "Content-Type": "text/plain", "X-Amzn-SageMaker-Inference-Id": "boom-1" });
      assert.equal(reply.status, 500);
      assert.equal(reply.json.error.code, "InternalError");
      assert.ok(!reply.text.includes("exploded"), "the handler's error detail stays in the log");
      const line = lines.find((entry) => entry.msg === "invocation failed" && entry.inferenceId === "boom-1");
      assert.equal(line?.level, "error");
      assert.equal(line?.error, "the model exploded");
      assert.equal((await invoke(server.url, "again", { "Content-Type": "text/plain" })).status, 200);
    });

    it("answers 504 when the invocation passes its deadline", async () => {
      const started = Date.now();
      const reply = await invoke(server.url, "slow", { "Content-Type": "text/plain" });
      assert.equal(reply.status, 504);
      assert.equal(reply.json.error.code, "InvocationTimeout");
      assert.ok(Date.now() - started < 900, "the deadline, not the handler, ended the request");
    });

    it("negotiates with the handler's own media types", async () => {
      assert.equal((await invoke(server.url, { instances: [[1]] })).status, 415);
      assert.equal((await invoke(server.url, "x", { "Content-Type": "text/plain", Accept: "application/json" })).status, 406);
    });
  });
});
