/**
 * The sample models behind one handler: the ONNX model (`model.onnx`, run with ONNX Runtime) or the
 * dependency-free linear model (`model.json`). The model directory decides: `model.onnx` when it is
 * there, else `model.json`.
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import type { Instances } from "./instances";
import { loadLinearSample, MODEL_FILE as LINEAR_MODEL_FILE } from "./linear-model";
import { loadOnnxModel, ONNX_MODEL_FILE } from "./onnx-model";

/** One instance's prediction: a number, or an array when the model returns several values per instance. */
export type Prediction = number | number[];

/** A loaded sample model. */
export interface SampleModel {
  /** What was loaded, for the start-up log line (file, inputs, outputs). */
  readonly description: string;
  /** One prediction per instance; throws `InvalidInputError` (400) when the instances do not fit the model. */
  predict(instances: Instances): Prediction[] | Promise<Prediction[]>;
}

/** Loads `model.onnx` from `modelDir` when it is there, else `model.json`; neither is a one-line error. */
export async function loadSampleModel(modelDir: string): Promise<SampleModel> {
  if (await exists(join(modelDir, ONNX_MODEL_FILE))) return loadOnnxModel(modelDir);
  if (await exists(join(modelDir, LINEAR_MODEL_FILE))) return loadLinearSample(modelDir);
  throw new Error(
    `no model in ${modelDir}: expected ${ONNX_MODEL_FILE} (the ONNX sample) or ${LINEAR_MODEL_FILE} (the linear sample)`,
  );
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
