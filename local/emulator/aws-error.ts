/**
 * Errors in the shape AWS's JSON protocols use: an HTTP status, the error code in the
 * `x-amzn-ErrorType` header and in the body's `__type`, and a message. The AWS SDK turns them into
 * exceptions whose `name` is the code.
 */
import type { ServerResponse } from "node:http";
import { BodyTooLargeError, sendJson } from "./http-io";

/** Namespace and message member of one service's error bodies. */
export interface ErrorDialect {
  /** Smithy namespace prefixed to `__type`, e.g. `com.amazonaws.sagemaker`. */
  namespace: string;
  /** Body member that carries the message: `message` (control plane) or `Message` (runtime). */
  messageKey: "message" | "Message";
  /** Content-Type of error responses. */
  contentType: string;
}

/** The control plane's errors (AWS JSON 1.1). */
export const CONTROL_PLANE_DIALECT: ErrorDialect = {
  namespace: "com.amazonaws.sagemaker",
  messageKey: "message",
  contentType: "application/x-amz-json-1.1",
};

/** The runtime API's errors (REST-JSON); `Message` is the member its error shapes model. */
export const RUNTIME_DIALECT: ErrorDialect = {
  namespace: "com.amazonaws.sagemakerruntime",
  messageKey: "Message",
  contentType: "application/json",
};

/** An error the emulator answers with instead of a result. */
export class AwsError extends Error {
  /**
   * @param code AWS error code, e.g. `ValidationException`; undefined sends no code (as AWS's 413).
   * @param status HTTP status.
   * @param fields Extra body members (ModelError's `OriginalStatusCode`, ...).
   */
  constructor(
    readonly code: string | undefined,
    message: string,
    readonly status = 400,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** `ValidationException` (HTTP 400), the control plane's error for bad input and unknown resources. */
export function validationException(message: string): AwsError {
  return new AwsError("ValidationException", message);
}

/** Writes `error` as the response, in `dialect`. */
export function sendError(res: ServerResponse, error: AwsError, dialect: ErrorDialect): void {
  const body: Record<string, unknown> = { ...error.fields, [dialect.messageKey]: error.message };
  const headers: Record<string, string> = {};
  if (error.code !== undefined) {
    body.__type = `${dialect.namespace}#${error.code}`;
    headers["x-amzn-ErrorType"] = error.code;
  }
  sendJson(res, error.status, body, dialect.contentType, headers);
}

/**
 * `error` as an AWS error: an AwsError as it is; a body over the size cap as AWS's bare HTTP 413 ("HTTP
 * content length exceeded N bytes.", no error code); anything else an InternalFailure naming it.
 */
export function asAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  if (error instanceof BodyTooLargeError) {
    return new AwsError(undefined, `HTTP content length exceeded ${error.limitBytes} bytes.`, 413);
  }
  return new AwsError("InternalFailure", `Emulator error: ${error instanceof Error ? error.message : String(error)}`, 500);
}
