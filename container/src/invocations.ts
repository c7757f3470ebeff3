/**
 * `POST /invocations`: header checks (custom attributes 400, Content-Type 415, Accept 406) before the
 * body is read, a slot among the invocations running at once (queued; 503 with `Retry-After` when the
 * queue is full), the body within 6 MiB (413), the tags (503 only when `TAGS_REQUIRED` and never
 * loaded), then the handler's decode -> predict -> encode, yielding to the event loop between them, all
 * within the invocation deadline (504 after it, and the connection closes). A client that leaves
 * mid-body is one info line.
 * Bad input is a 4xx; an unexpected handler failure is a 500 with a log line; nothing escapes.
 * Every answered invocation is counted for the metrics; a sample of them (`LOG_SAMPLE_RATE`, all at
 * `LOG_LEVEL=debug`) gets an `invocation` line. Rejections and failures are always logged, with the
 * request's inference id when it has one.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Admission } from "./admission";
import { ClientDisconnectedError, MAX_PAYLOAD_BYTES, readBody } from "./body";
import type { FleetIdentity } from "./config";
import { CUSTOM_ATTRIBUTES_HEADER, parseCustomAttributes, type CustomAttributes } from "./custom-attributes";
import { HttpError } from "./errors";
import type { EncodedBody, InferenceHandler, InvocationContext } from "./handler";
import { errorMessage, type Logger } from "./log";
import { selectAccept, selectContentType } from "./media-types";
import { INTERNAL_ERROR, send, sendError } from "./respond";
import type { TagProvider } from "./tags/tag-provider";
import { viewTags } from "./tags/tags-view";
import type { Telemetry } from "./telemetry";

/** The request header carrying SageMaker's inference id. */
export const INFERENCE_ID_HEADER = "X-Amzn-SageMaker-Inference-Id";

/** SageMaker's deadline for a container's invocation response. */
export const INVOCATION_TIMEOUT_MS = 60_000;

/** What the invocation route needs. */
export interface InvocationDeps {
  /** The model server's steps. */
  readonly handler: InferenceHandler;
  /** The model `handler.modelFn` loaded. */
  readonly model: unknown;
  /** The deployment's tags. */
  readonly tags: TagProvider;
  /** The endpoint name for responses; null when not set. */
  readonly endpointName: string | null;
  /** The production variant for responses (`SAGEMAKER_VARIANT_NAME`); null when not set. */
  readonly variantName: string | null;
  /** The container's fleet (Model and variant names) for responses; null when not injected. */
  readonly fleet: FleetIdentity | null;
  /** Tag keys responses may show. */
  readonly exposedTagKeys: readonly string[];
  /** Fail with 503 while tags never loaded. */
  readonly tagsRequired: boolean;
  /** Deadline for one invocation, in milliseconds (SageMaker's is 60 s). */
  readonly timeoutMs: number;
  /** The server's logger (bound to the deployment context). */
  readonly log: Logger;
  /** Where invocations are counted and the tag state is observed. */
  readonly telemetry: Telemetry;
  /** Fraction of invocations logged at info (0..1). */
  readonly logSampleRate: number;
  /** How many invocations run at once; the wait for a slot counts toward `timeoutMs`. */
  readonly admission: Admission;
}

interface Answer {
  readonly requestBytes: number;
  readonly body: EncodedBody;
  readonly contentType: string;
  readonly customAttributes: CustomAttributes | null;
}

/** The request listener for `POST /invocations`; it never rejects. */
export function invocationRoute(deps: InvocationDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    const inferenceId = headerValue(req.headers[INFERENCE_ID_HEADER.toLowerCase()]);
    const log = inferenceId === null ? deps.log : deps.log.child({ inferenceId });
    let status = 200;
    let requestBytes = Number(req.headers["content-length"]) || 0;
    let responseBytes = 0;
    // Aborted when the deadline passes or the client leaves: a queued invocation then gives up its place.
    const abandoned = new AbortController();
    res.once("close", () => abandoned.abort());
    try {
      const answer = await withDeadline(answerInvocation(req, inferenceId, log, deps, abandoned.signal), deps.timeoutMs, abandoned);
      const echo: Record<string, string> =
        answer.customAttributes === null ? {} : { [CUSTOM_ATTRIBUTES_HEADER]: answer.customAttributes.raw };
      requestBytes = answer.requestBytes;
      responseBytes = typeof answer.body === "string" ? Buffer.byteLength(answer.body) : answer.body.byteLength;
      send(res, status, answer.contentType, answer.body, echo);
    } catch (err) {
      if (err instanceof ClientDisconnectedError) {
        log.info("client disconnected before sending the whole request", { receivedBytes: err.receivedBytes });
        return;
      }
      const known = err instanceof HttpError;
      const failure = known ? err : INTERNAL_ERROR;
      status = failure.status;
      if (!known) log.error("invocation failed", { error: errorMessage(err), stack: (err as Error)?.stack });
      else if (status >= 500) log.warn("invocation failed", { status, code: failure.code, error: failure.message });
      else log.info("invocation rejected", { status, code: failure.code, error: failure.message });
      if (!res.headersSent) sendError(res, failure);
    }
    const latencyMs = performance.now() - started;
    deps.telemetry.invocation({ status, latencyMs, requestBytes, responseBytes });
    if (sampled(deps.logSampleRate, log)) log.info("invocation", { status, durationMs: Math.round(latencyMs * 1000) / 1000, requestBytes, responseBytes });
  };
}

/** Whether this invocation gets an `invocation` line: all at debug level, else with probability `rate`. */
function sampled(rate: number, log: Logger): boolean {
  return log.enabled("debug") || (rate > 0 && Math.random() < rate);
}

async function answerInvocation(
  req: IncomingMessage,
  inferenceId: string | null,
  log: Logger,
  deps: InvocationDeps,
  signal: AbortSignal,
): Promise<Answer> {
  const { handler } = deps;
  const customAttributes = parseCustomAttributes(req.headers[CUSTOM_ATTRIBUTES_HEADER.toLowerCase()]);
  const contentType = selectContentType(req.headers["content-type"], handler.contentTypes);
  const accept = selectAccept(req.headers.accept, handler.accepts);
  const release = await deps.admission.acquire(signal);
  try {
    return await decodePredictEncode(req, { customAttributes, contentType, accept, inferenceId }, log, deps);
  } finally {
    release();
  }
}

/** What the header checks found. */
interface Negotiated {
  readonly customAttributes: CustomAttributes | null;
  readonly contentType: string;
  readonly accept: string;
  readonly inferenceId: string | null;
}

/**
 * Reads the body, then decode -> predict -> encode, yielding to the event loop between the steps so that
 * `/ping` and other connections are served between big synchronous pieces of work.
 */
async function decodePredictEncode(req: IncomingMessage, negotiated: Negotiated, log: Logger, deps: InvocationDeps): Promise<Answer> {
  const { handler } = deps;
  const { customAttributes, contentType, accept, inferenceId } = negotiated;
  const body = await readBody(req, MAX_PAYLOAD_BYTES);
  if (body.length === 0) throw new HttpError(400, "EmptyBody", `the request body is empty; send a ${contentType} payload`);
  const state = await deps.tags.current();
  deps.telemetry.observe(state);
  if (deps.tagsRequired && state.snapshot === null) {
    throw new HttpError(503, "TagsUnavailable", `tags are required (TAGS_REQUIRED=true) but have not loaded: ${state.lastError}`);
  }
  const context: InvocationContext = {
    tags: viewTags(state, deps.exposedTagKeys),
    customAttributes,
    inferenceId,
    endpointName: deps.endpointName,
    variantName: deps.variantName,
    fleet: deps.fleet,
    log,
  };
  await yieldToEventLoop();
  const input = await handler.inputFn(body, contentType, context);
  await yieldToEventLoop();
  const prediction = await handler.predictFn(input, deps.model, context);
  await yieldToEventLoop();
  return { requestBytes: body.length, body: await handler.outputFn(prediction, accept, context), contentType: accept, customAttributes };
}

/** Resolves after the event loop has served pending I/O (a macrotask, unlike an awaited value). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `work`, or a 504 (which closes the connection) after `timeoutMs`; `expiry` is aborted then. */
function withDeadline<T>(work: Promise<T>, timeoutMs: number, expiry: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expiry.abort();
      reject(new HttpError(504, "InvocationTimeout", `the invocation did not finish within ${timeoutMs / 1000} s`, { Connection: "close" }));
    }, timeoutMs);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

function headerValue(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value.join(", ") : value;
  return text ? text : null;
}
