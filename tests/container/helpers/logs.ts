/** A logger that keeps its lines in memory, so tests can assert on them without printing. */
import { createLogger, type Logger } from "../../../container/src/log";

/** One parsed log line. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

/** A debug-level logger and the lines it has written. */
export function captureLogs(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { log: createLogger("debug", (line) => lines.push(JSON.parse(line) as LogLine)), lines };
}
