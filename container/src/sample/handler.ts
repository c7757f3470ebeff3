/**
 * The sample handlers: a model fed JSON or CSV instances, answering with the contract's JSON response or,
 * when `Accept: text/csv`, one prediction per line (an instance with several output values is one CSV
 * row). `sampleHandler` (the server's default) picks the model by what the model directory holds:
 * `model.onnx` (ONNX Runtime) or `model.json` (the dependency-free linear model).
 */
import type { InferenceHandler } from "../handler";
import { invocationResponse } from "../invocation-response";
import { decodeCsvInstances, decodeJsonInstances, type Instances } from "./instances";
import { loadLinearSample } from "./linear-model";
import { loadOnnxModel } from "./onnx-model";
import { loadSampleModel, type Prediction, type SampleModel } from "./sample-model";

/** A handler for instances in, predictions out, around the model `load` returns. */
function instancesHandler(load: (modelDir: string) => Promise<SampleModel>): InferenceHandler<SampleModel, Instances, Prediction[]> {
  return {
    contentTypes: ["application/json", "text/csv"],
    accepts: ["application/json", "text/csv"],
    modelFn: load,
    inputFn(body, contentType) {
      const text = body.toString("utf8");
      return contentType === "text/csv" ? decodeCsvInstances(text) : decodeJsonInstances(text);
    },
    predictFn: (instances, model) => model.predict(instances),
    outputFn(predictions, accept, context) {
      if (accept === "text/csv") return predictions.map((value) => `${Array.isArray(value) ? value.join(",") : value}\n`).join("");
      return JSON.stringify(invocationResponse(predictions, context));
    },
  };
}

/** The default: `model.onnx` when the model directory has one, else the linear `model.json`. */
export const sampleHandler = instancesHandler(loadSampleModel);

/** The linear model in `model.json` only. */
export const linearModelHandler = instancesHandler(loadLinearSample);

/** The ONNX model in `model.onnx` only. */
export const onnxModelHandler = instancesHandler(loadOnnxModel);
