/**
 * Loading the model at start-up without letting a bad model take the server down: a model that fails to
 * load (missing, corrupt, inputs the handler cannot feed) is one error log line with the reason, and the
 * server still listens, answering `/ping` and `/invocations` with 503 `ModelNotLoaded` naming the reason,
 * so SageMaker's health check fails with it instead of the container crash-looping.
 */
import { HttpError } from "./errors";
import type { InferenceHandler } from "./handler";
import { errorMessage, type Logger } from "./log";
import { sendError } from "./respond";
import type { RouteListener } from "./server";

/** The result of `modelFn`: the model, or why there is none. */
export type LoadedModel = { readonly ok: true; readonly model: unknown } | { readonly ok: false; readonly reason: string };

/** Runs `handler.modelFn(modelDir)` once; logs the outcome and never throws. */
export async function loadModel(handler: InferenceHandler, modelDir: string, log: Logger): Promise<LoadedModel> {
  const started = performance.now();
  try {
    const model = await handler.modelFn(modelDir);
    const description = (model as { description?: unknown } | null)?.description;
    log.info("model loaded", {
      modelDir,
      durationMs: Math.round(performance.now() - started),
      ...(typeof description === "string" ? { model: description } : {}),
    });
    return { ok: true, model };
  } catch (err) {
    const reason = errorMessage(err).replace(/\s+/g, " ").trim();
    log.error("model not loaded: /ping and /invocations answer 503 until the container is replaced", { modelDir, error: reason });
    return { ok: false, reason };
  }
}

/** The listener for both routes while there is no model: 503 `ModelNotLoaded` with the reason. */
export function modelNotLoadedRoute(reason: string): RouteListener {
  const error = new HttpError(503, "ModelNotLoaded", `not ready: the model did not load: ${reason}`);
  return (req, res) => {
    req.resume();
    sendError(res, error);
  };
}
