/**
 * One-line errors for the operator commands and local mode: a {@link CliError} is printed as
 * `error: <message>` with no stack trace, and the process exits with the error's code.
 */

/** An expected failure caused by bad input or a missing prerequisite; printed as one line. */
export class CliError extends Error {
  /** Process exit code to use when this error ends a command. Default 2 (usage or input error). */
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** The message of any thrown value, flattened to one line. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Runs a command's main function and exits the process with the number it resolves to, or, when it
 * throws, prints the error as one line on stderr and exits with the code of a {@link CliError} (any
 * other error: 2). Exiting explicitly means no lingering handle keeps a finished command alive.
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`error: ${oneLine(error)}\n`);
      process.exit(error instanceof CliError ? error.exitCode : 2);
    },
  );
}
