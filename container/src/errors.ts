/**
 * Errors that become HTTP responses. Every error response has the JSON body
 * `{"error": {"code": "...", "message": "..."}}`; the message is one line naming the problem.
 */

/** The JSON body of every error response. */
export interface ErrorBody {
  /** The error, as a machine-readable code and a human-readable one-line message. */
  readonly error: {
    /** Stable machine-readable code, e.g. `InvalidJson`, `PayloadTooLarge`. */
    readonly code: string;
    /** One line saying what was wrong and, where it helps, what is expected. */
    readonly message: string;
  };
}

/** An error that maps to one HTTP response. */
export class HttpError extends Error {
  override readonly name = "HttpError";

  /**
   * @param status HTTP status code.
   * @param code machine-readable error code for the body.
   * @param message one-line message for the body.
   * @param headers extra response headers (e.g. `Allow` on 405); default none.
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The JSON body for this error. */
  body(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** A request body a handler cannot use (400); handlers throw it from `inputFn`. */
export class InvalidInputError extends HttpError {
  /**
   * @param code machine-readable code, e.g. `InvalidShape`.
   * @param message one line naming the problem, e.g. which row and column.
   */
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}
