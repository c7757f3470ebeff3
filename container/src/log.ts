/**
 * Structured logging: one JSON object per line on stdout, which CloudWatch Logs stores as-is for a
 * SageMaker endpoint (`/aws/sagemaker/Endpoints/<name>`). No stack traces: errors are logged by message.
 */

/** Severity of a log line, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** The log levels in increasing severity; a logger writes lines at or above its threshold. */
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** Extra structured fields of a log line (must be JSON-serialisable). */
export type LogFields = Record<string, unknown>;

/** A structured logger. */
export interface Logger {
  /** Fine-grained detail (one line per invocation); written only when the threshold is `debug`. */
  debug(msg: string, fields?: LogFields): void;
  /** Normal operation (start-up, readiness, tag loads). */
  info(msg: string, fields?: LogFields): void;
  /** Degraded but serving (stale tags, failed refresh). */
  warn(msg: string, fields?: LogFields): void;
  /** A failure that needs an operator (missing IAM permission, handler crash). */
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

/** Where a JSON logger writes its lines. */
export type LineSink = (line: string) => void;

/**
 * A logger writing `{"time", "level", "msg", ...fields}` JSON lines to `sink` (default: stdout) for
 * lines at or above `threshold`.
 */
export function createLogger(
  threshold: LogLevel,
  sink: LineSink = (line) => process.stdout.write(line),
  base: LogFields = {},
): Logger {
  const minimum = LOG_LEVELS.indexOf(threshold);
  const write = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(level) < minimum) return;
    sink(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields })}\n`);
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (fields) => createLogger(threshold, sink, { ...base, ...fields }),
  };
}

/** The message of an unknown thrown value, for a log field (never a stack trace). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
