/**
 * Writes the ONNX sample models from the weights below: `container/model-onnx/model.onnx`, the house-price
 * regression of `container/model/model.json` as one `Gemm` node (features [batch, 4] x weights [4, 1] +
 * bias [1] -> price_thousands [batch, 1]), and `container/model-onnx-candidate/model.onnx`, the same graph
 * with other weights: the Candidate variant's model of the A/B example (Pulumi.ab.yaml, docs/ab-tests.md).
 * The bytes depend on nothing but this file, so the committed models can be checked:
 * `npx ts-node --transpile-only scripts/make-sample-model.ts --check` exits 1 when a file differs from what
 * the script writes. No Python, no download.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { encodeOnnxModel, type OnnxModelSpec } from "./onnx/onnx-model";

/** Where the sample model is written. */
export const SAMPLE_MODEL_PATH = path.resolve(__dirname, "..", "container", "model-onnx", "model.onnx");

/** Where the A/B example's candidate model is written. */
export const CANDIDATE_MODEL_PATH = path.resolve(__dirname, "..", "container", "model-onnx-candidate", "model.onnx");

const FEATURES = ["area_m2", "bedrooms", "age_years", "distance_km"];

/** A house-price model: one Gemm with `weights` and `bias` as initializers. */
function housePriceModel(weights: number[], bias: number, modelVersion: number): OnnxModelSpec {
  return {
    irVersion: 8,
    opsetVersion: 13,
    producerName: "tagged-endpoint scripts/make-sample-model.ts",
    modelVersion,
    doc: "Linear regression of a house's price (thousands) from its floor area, bedrooms, age and distance to the city centre.",
    graphName: "house_price",
    nodes: [{ opType: "Gemm", name: "linear", inputs: ["features", "weights", "bias"], outputs: ["price_thousands"] }],
    initializers: [
      { name: "weights", dims: [FEATURES.length, 1], values: weights },
      { name: "bias", dims: [1], values: [bias] },
    ],
    inputs: [{ name: "features", shape: ["batch", FEATURES.length], doc: `one row per house: ${FEATURES.join(", ")}` }],
    outputs: [{ name: "price_thousands", shape: ["batch", 1], doc: "the predicted price in thousands" }],
    metadata: { features: FEATURES.join(","), target: "price_thousands" },
  };
}

/** The sample model (the weights of `container/model/model.json`). */
export const SAMPLE_MODEL: OnnxModelSpec = housePriceModel([2.5, 12.0, -0.75, -4.0], 40.0, 1);

/** The candidate model: retrained weights, so its predictions differ from the sample's for the same request. */
export const CANDIDATE_MODEL: OnnxModelSpec = housePriceModel([2.75, 10.0, -0.5, -5.0], 50.0, 2);

/** The sample model's bytes. */
export function sampleModelBytes(): Buffer {
  return encodeOnnxModel(SAMPLE_MODEL);
}

/** Every model the script writes, with its file. */
const MODELS: readonly { file: string; spec: OnnxModelSpec }[] = [
  { file: SAMPLE_MODEL_PATH, spec: SAMPLE_MODEL },
  { file: CANDIDATE_MODEL_PATH, spec: CANDIDATE_MODEL },
];

function main(args: readonly string[]): void {
  for (const { file, spec } of MODELS) {
    const bytes = encodeOnnxModel(spec);
    if (args.includes("--check")) {
      if (!readFileSync(file).equals(bytes)) {
        process.stderr.write(`${file} differs from what scripts/make-sample-model.ts writes; run it again\n`);
        process.exitCode = 1;
      }
      continue;
    }
    writeFileSync(file, bytes);
    process.stdout.write(`wrote ${file} (${bytes.length} bytes)\n`);
  }
}

if (require.main === module) main(process.argv.slice(2));
