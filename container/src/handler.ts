/**
 * The handler API, in the spirit of the SageMaker inference toolkit (`model_fn`, `input_fn`,
 * `predict_fn`, `output_fn`): the server loads the model once at start-up with `modelFn`, then for
 * each invocation decodes the body with `inputFn`, predicts with `predictFn` and encodes with `outputFn`.
 * Content negotiation happens before any of them runs: the request's `Content-Type` must be one of
 * `contentTypes` (415 otherwise) and its `Accept` must allow one of `accepts` (406 otherwise).
 * Throw `InvalidInputError` for bad input (a 400 with its code and message); any other error is a 500.
 */
import type { FleetIdentity } from "./config";
import type { CustomAttributes } from "./custom-attributes";
import type { Logger } from "./log";
import type { TagsView } from "./tags/tags-view";

/** What each step of an invocation knows about the request and the deployment. */
export interface InvocationContext {
  /** The deployment's tags with their freshness. */
  readonly tags: TagsView;
  /** The request's `X-Amzn-SageMaker-Custom-Attributes`, validated and parsed; null when absent. */
  readonly customAttributes: CustomAttributes | null;
  /** The request's `X-Amzn-SageMaker-Inference-Id`; null when absent. */
  readonly inferenceId: string | null;
  /** The endpoint this container serves (`SAGEMAKER_ENDPOINT_NAME`); null when not set. */
  readonly endpointName: string | null;
  /** The production variant this container serves (`SAGEMAKER_VARIANT_NAME`); null when not set. */
  readonly variantName: string | null;
  /** The Model and variant of the fleet this container belongs to (its config is `tags.endpointConfigName`); null when not injected. */
  readonly fleet: FleetIdentity | null;
  /** A logger whose lines carry the inference id. */
  readonly log: Logger;
}

/** An encoded response body. */
export type EncodedBody = string | Uint8Array;

/** A model server's four steps. `Model`, `Input` and `Prediction` are the handler's own types. */
export interface InferenceHandler<Model = unknown, Input = unknown, Prediction = unknown> {
  /** Request media types `inputFn` decodes; the first is assumed when a request has no `Content-Type`. */
  readonly contentTypes: readonly string[];
  /** Response media types `outputFn` encodes; the first is used for a missing `Accept` or a wildcard. */
  readonly accepts: readonly string[];
  /** Loads the model from the model directory (`SM_MODEL_DIR`), once, before the server listens. */
  modelFn(modelDir: string): Model | Promise<Model>;
  /** Decodes a non-empty request body of type `contentType` (one of `contentTypes`). */
  inputFn(body: Buffer, contentType: string, context: InvocationContext): Input | Promise<Input>;
  /** Runs the model. */
  predictFn(input: Input, model: Model, context: InvocationContext): Prediction | Promise<Prediction>;
  /** Encodes the prediction as `accept` (one of `accepts`), which becomes the response's `Content-Type`. */
  outputFn(prediction: Prediction, accept: string, context: InvocationContext): EncodedBody | Promise<EncodedBody>;
}
