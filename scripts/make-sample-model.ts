/**
 * Writes the ONNX sample model, `container/model-onnx/model.onnx`, from the weights below: the house-price
 * regression of `container/model/model.json` as one `Gemm` node (features [batch, 4] x weights [4, 1] +
 * bias [1] -> price_thousands [batch, 1]). The bytes depend on nothing but this file, so the committed
 * model can be checked: `npx ts-node --transpile-only scripts/make-sample-model.ts --check` exits 1 when
 * the file differs from what the script writes. No Python, no download.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { encodeOnnxModel, type OnnxModelSpec } from "./onnx/onnx-model";

/** Where the sample model is written. */
export const SAMPLE_MODEL_PATH = path.resolve(__dirname, "..", "container", "model-onnx", "model.onnx");

const FEATURES = ["area_m2", "bedrooms", "age_years", "distance_km"];
const WEIGHTS = [2.5, 12.0, -0.75, -4.0];
const BIAS = 40.0;

/** The sample model: one Gemm with the weights and bias as initializers. */
export const SAMPLE_MODEL: OnnxModelSpec = {
  irVersion: 8,
  opsetVersion: 13,
  producerName: "tagged-endpoint scripts/make-sample-model.ts",
  modelVersion: 1,
  doc: "Linear regression of a house's price (thousands) from its floor area, bedrooms, age and distance to the city centre.",
  graphName: "house_price",
  nodes: [{ opType: "Gemm", name: "linear", inputs: ["features", "weights", "bias"], outputs: ["price_thousands"] }],
  initializers: [
    { name: "weights", dims: [FEATURES.length, 1], values: WEIGHTS },
    { name: "bias", dims: [1], values: [BIAS] },
  ],
  inputs: [{ name: "features", shape: ["batch", FEATURES.length], doc: `one row per house: ${FEATURES.join(", ")}` }],
  outputs: [{ name: "price_thousands", shape: ["batch", 1], doc: "the predicted price in thousands" }],
  metadata: { features: FEATURES.join(","), target: "price_thousands" },
};

/** The model's bytes. */
export function sampleModelBytes(): Buffer {
  return encodeOnnxModel(SAMPLE_MODEL);
}

function main(args: readonly string[]): void {
  const bytes = sampleModelBytes();
  if (args.includes("--check")) {
    const committed = readFileSync(SAMPLE_MODEL_PATH);
    if (!committed.equals(bytes)) {
      process.stderr.write(`${SAMPLE_MODEL_PATH} differs from what scripts/make-sample-model.ts writes; run it again\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(SAMPLE_MODEL_PATH, bytes);
  process.stdout.write(`wrote ${SAMPLE_MODEL_PATH} (${bytes.length} bytes)\n`);
}

if (require.main === module) main(process.argv.slice(2));
