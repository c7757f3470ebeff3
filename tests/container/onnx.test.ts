/**
 * The ONNX sample through real HTTP and ONNX Runtime: predictions of the model scripts/make-sample-model.ts
 * writes, checked against values worked out by hand from its weights (2.5, 12, -0.75, -4; bias 40);
 * the sample picked by what the model directory holds; shape errors (400 naming the model's input shape);
 * bad models (missing, corrupt, inputs the sample cannot feed) answered with 503 on /ping, never a crash.
 */
import { strict as assert } from "node:assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningServer } from "../../container/src/start";
import { encodeOnnxModel } from "../../scripts/onnx/onnx-model";
import { CANDIDATE_MODEL, CANDIDATE_MODEL_PATH, SAMPLE_MODEL, SAMPLE_MODEL_PATH, sampleModelBytes } from "../../scripts/make-sample-model";
import { invoke, request } from "./helpers/http";
import { captureLogs } from "./helpers/logs";
import { MODEL_DIR, startTestServer } from "./helpers/server";

/** Houses and their prices, computed by hand: 40 + 2.5 area + 12 bedrooms - 0.75 age - 4 distance. */
const HOUSES = [
  { features: [120, 3, 10, 5], price: 348.5 }, // 40 + 300 + 36 - 7.5 - 20
  { features: [80, 2, 30, 12], price: 193.5 }, // 40 + 200 + 24 - 22.5 - 48
  { features: [0, 0, 0, 0], price: 40 },
  { features: [55.5, 1, 2.25, 0.5], price: 187.0625 }, // 40 + 138.75 + 12 - 1.6875 - 2 (exact in float32)
];

describe("container: the ONNX sample (onnxruntime-node)", function () {
  this.timeout(20_000);
  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  const tempDir = (files: Record<string, Buffer | string> = {}): string => {
    const dir = mkdtempSync(join(tmpdir(), "onnx-model-"));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return dir;
  };
  const start = async (modelDir: string) => {
    const logs = captureLogs();
    const server = await startTestServer({ SM_MODEL_DIR: modelDir }, { log: logs.log });
    servers.push(server);
    return { server, lines: logs.lines };
  };
  const onnxDir = SAMPLE_MODEL_PATH.replace(/\/model\.onnx$/, "");

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  describe("the sample model", () => {
    it("is the committed container/model-onnx/model.onnx, byte for byte (the script reproduces it)", () => {
      const committed = readFileSync(SAMPLE_MODEL_PATH);
      assert.ok(sampleModelBytes().equals(committed), "run: npx ts-node --transpile-only scripts/make-sample-model.ts");
      assert.ok(sampleModelBytes().equals(sampleModelBytes()), "two runs write the same bytes");
    });

    it("has the A/B candidate next to it, container/model-onnx-candidate/model.onnx, as the script writes it", () => {
      assert.ok(encodeOnnxModel(CANDIDATE_MODEL).equals(readFileSync(CANDIDATE_MODEL_PATH)), "run: npx ts-node --transpile-only scripts/make-sample-model.ts");
    });

    it("predicts the hand-computed prices for JSON instances, in order", async () => {
      const { server, lines } = await start(onnxDir);
      const reply = await invoke(server.url, { instances: HOUSES.map((house) => house.features) });
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(reply.json.predictions, HOUSES.map((house) => house.price));
      const loaded = lines.find((line) => line.msg === "model loaded");
      assert.match(String(loaded?.model), /ONNX model .*model\.onnx: input "features" float32\[batch, 4\], output "price_thousands"/);
    });

    it("answers CSV with CSV, one prediction per line", async () => {
      const { server } = await start(onnxDir);
      const csv = HOUSES.slice(0, 2).map((house) => house.features.join(",")).join("\n");
      const reply = await invoke(server.url, csv, { "Content-Type": "text/csv", Accept: "text/csv" });
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.text, "348.5\n193.5\n");
    });

    it("is chosen over model.json when the directory holds both", async () => {
      const dir = tempDir();
      copyFileSync(SAMPLE_MODEL_PATH, join(dir, "model.onnx"));
      copyFileSync(join(MODEL_DIR, "model.json"), join(dir, "model.json"));
      const { server, lines } = await start(dir);
      assert.equal((await invoke(server.url, { instances: [[1, 1, 1, 1]] })).status, 200);
      assert.match(String(lines.find((line) => line.msg === "model loaded")?.model), /^ONNX model /);
    });

    it("returns several values per instance as an array (JSON) and a CSV row", async () => {
      // Two outputs per house: the price and the price per square metre of a 100 m² house (weights as columns).
      const dir = tempDir({
        "model.onnx": encodeOnnxModel({
          ...SAMPLE_MODEL,
          initializers: [
            { name: "weights", dims: [4, 2], values: [2.5, 1, 12, 0, -0.75, 0, -4, 0] },
            { name: "bias", dims: [2], values: [40, 0] },
          ],
          outputs: [{ name: "price_thousands", shape: ["batch", 2], doc: "price, area" }],
        }),
      });
      const { server } = await start(dir);
      const json = await invoke(server.url, { instances: [[120, 3, 10, 5]] });
      assert.deepEqual(json.json.predictions, [[348.5, 120]]);
      const csv = await invoke(server.url, "120,3,10,5\n", { "Content-Type": "text/csv", Accept: "text/csv" });
      assert.equal(csv.text, "348.5,120\n");
    });
  });

  describe("requests that do not fit the model's input", () => {
    const cases = [
      { name: "too few values", instances: [[1, 2, 3]], message: 'the model\'s input "features" has shape [batch, 4] (float32): each instance needs 4 values, got 3' },
      { name: "too many values", instances: [[1, 2, 3, 4, 5]], message: "each instance needs 4 values, got 5" },
    ];
    for (const { name, instances, message } of cases) {
      it(`${name}: 400 ShapeMismatch naming the expected shape`, async () => {
        const { server } = await start(onnxDir);
        const reply = await invoke(server.url, { instances });
        assert.equal(reply.status, 400);
        assert.equal(reply.json.error.code, "ShapeMismatch");
        assert.ok(reply.json.error.message.includes(message), reply.json.error.message);
        assert.equal((await request(`${server.url}/ping`)).status, 200, "the server keeps serving");
      });
    }

    it("a fixed batch size: 400 naming it", async () => {
      const dir = tempDir({
        "model.onnx": encodeOnnxModel({
          ...SAMPLE_MODEL,
          inputs: [{ name: "features", shape: [1, 4], doc: "one house" }],
          outputs: [{ name: "price_thousands", shape: [1, 1], doc: "its price" }],
        }),
      });
      const { server } = await start(dir);
      assert.deepEqual((await invoke(server.url, { instances: [[120, 3, 10, 5]] })).json.predictions, [348.5]);
      const reply = await invoke(server.url, { instances: [[1, 2, 3, 4], [5, 6, 7, 8]] });
      assert.equal(reply.status, 400);
      assert.equal(reply.json.error.message, 'the model\'s input "features" has shape [1, 4] (float32): send exactly 1 instance, got 2');
    });
  });

  describe("bad models: the server stays up, /ping and /invocations answer 503 with the reason", () => {
    const twoInputs = encodeOnnxModel({
      ...SAMPLE_MODEL,
      nodes: [{ opType: "Add", name: "add", inputs: ["a", "b"], outputs: ["sum"] }],
      initializers: [],
      inputs: [
        { name: "a", shape: ["batch", 4], doc: "a" },
        { name: "b", shape: ["batch", 4], doc: "b" },
      ],
      outputs: [{ name: "sum", shape: ["batch", 4], doc: "a + b" }],
    });
    const cases: { name: string; files: Record<string, Buffer | string>; reason: RegExp }[] = [
      { name: "no model file", files: {}, reason: /no model in .*: expected model\.onnx \(the ONNX sample\) or model\.json \(the linear sample\)/ },
      { name: "a corrupt model.onnx", files: { "model.onnx": "this is not a protobuf" }, reason: /cannot load the ONNX model .*model\.onnx: .*(protobuf|parsing|Load model)/i },
      { name: "an empty model.onnx", files: { "model.onnx": "" }, reason: /cannot load the ONNX model .*model\.onnx: / },
      { name: "a model with two inputs", files: { "model.onnx": twoInputs }, reason: /the sample handler feeds one tensor input, the model has 2 \(a, b\)/ },
      { name: "a corrupt model.json", files: { "model.json": "{" }, reason: /cannot load the model from .*model\.json/ },
    ];
    for (const { name, files, reason } of cases) {
      it(name, async () => {
        const { server, lines } = await start(tempDir(files));
        const ping = await request(`${server.url}/ping`);
        assert.equal(ping.status, 503);
        assert.equal(ping.json.error.code, "ModelNotLoaded");
        assert.match(ping.json.error.message, reason);
        const invocation = await invoke(server.url, { instances: [[1, 2, 3, 4]] });
        assert.equal(invocation.status, 503);
        assert.equal(invocation.json.error.code, "ModelNotLoaded");
        const logged = lines.find((line) => line.level === "error" && String(line.msg).startsWith("model not loaded"));
        assert.match(String(logged?.error), reason);
      });
    }
  });
});
