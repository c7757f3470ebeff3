/**
 * The sample handler: the linear model in `model.json`, fed JSON or CSV instances, answering with the
 * contract's JSON response or, when `Accept: text/csv`, one prediction per line.
 */
import { InvalidInputError } from "../errors";
import type { InferenceHandler } from "../handler";
import { invocationResponse } from "../invocation-response";
import { decodeCsvInstances, decodeJsonInstances, type Instances } from "./instances";
import { loadLinearModel, predict, type LinearModel } from "./linear-model";

/** The sample handler for the linear model. */
export const linearModelHandler: InferenceHandler<LinearModel, Instances, number[]> = {
  contentTypes: ["application/json", "text/csv"],
  accepts: ["application/json", "text/csv"],
  modelFn: loadLinearModel,
  inputFn(body, contentType) {
    const text = body.toString("utf8");
    return contentType === "text/csv" ? decodeCsvInstances(text) : decodeJsonInstances(text);
  },
  predictFn(instances, model) {
    const width = instances[0].length;
    if (width !== model.features.length) {
      throw new InvalidInputError(
        "FeatureCountMismatch",
        `each instance needs ${model.features.length} values (${model.features.join(", ")}), got ${width}`,
      );
    }
    return predict(model, instances);
  },
  outputFn(predictions, accept, context) {
    if (accept === "text/csv") return predictions.map((value) => `${value}\n`).join("");
    return JSON.stringify(invocationResponse(predictions, context));
  },
};
