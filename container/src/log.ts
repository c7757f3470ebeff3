/**
 * Structured logging: one JSON object per line on stdout, which CloudWatch Logs stores as-is for a
 * SageMaker endpoint (`/aws/sagemaker/Endpoints/<name>`). No stack traces: errors are logged by message.
 * A logger may carry a {@link LogBinding}: a JSON fragment (the deployment's metadata) serialised once
 * when it changes and spliced into every line, so lines cost no per-line work for it.
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
  /** A logger that adds `fields` to every line (and keeps this logger's binding). */
  child(fields: LogFields): Logger;
  /** A logger that adds the binding's current fragment to every line (replacing this logger's binding). */
  bound(binding: LogBinding): Logger;
  /** True when lines at `level` are written. */
  enabled(level: LogLevel): boolean;
}

/**
 * Fields bound to every line of a logger, held as one serialised JSON member (e.g.
 * `"deployment":{...}`), replaced as a whole when they change.
 */
export class LogBinding {
  private member = "";

  /** The fragment spliced into lines: `"name":<json>`, or "" when nothing is bound. */
  get fragment(): string {
    return this.member;
  }

  /** Binds `value` under `name` (serialised now, once); null unbinds. */
  set(name: string, value: unknown): void {
    this.member = value === null ? "" : `${JSON.stringify(name)}:${JSON.stringify(value)}`;
  }
}

/** Where a JSON logger writes its lines. */
export type LineSink = (line: string) => void;

/**
 * A logger writing `{"time", "level", "msg", <binding>, ...fields}` JSON lines to `sink` (default:
 * stdout) for lines at or above `threshold`.
 */
export function createLogger(
  threshold: LogLevel,
  sink: LineSink = (line) => process.stdout.write(line),
  base: LogFields = {},
  binding: LogBinding | null = null,
): Logger {
  const minimum = LOG_LEVELS.indexOf(threshold);
  const enabled = (level: LogLevel): boolean => LOG_LEVELS.indexOf(level) >= minimum;
  const write = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (!enabled(level)) return;
    const head = JSON.stringify({ time: new Date().toISOString(), level, msg });
    const bound = binding?.fragment ?? "";
    const rest = JSON.stringify({ ...base, ...fields });
    const tail = rest === "{}" ? "}" : `,${rest.slice(1)}`;
    sink(`${head.slice(0, -1)}${bound === "" ? "" : `,${bound}`}${tail}\n`);
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (fields) => createLogger(threshold, sink, { ...base, ...fields }, binding),
    bound: (next) => createLogger(threshold, sink, base, next),
    enabled,
  };
}

/** The message of an unknown thrown value, for a log field (never a stack trace). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
