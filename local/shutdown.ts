/** Ordered clean-up of what local mode started. */

/** Things to close, newest first; a startup that fails or is interrupted closes what it opened so far. */
export class Shutdown {
  private readonly steps: Array<() => Promise<void>> = [];
  private running: Promise<void> | undefined;

  /** Registers a close step. */
  add(step: () => Promise<void>): void {
    this.steps.unshift(step);
  }

  /** Whether {@link run} has been called. */
  get started(): boolean {
    return this.running !== undefined;
  }

  /** Runs every step once (newest first), even if one fails. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps) await step().catch(() => undefined);
    })();
    return this.running;
  }
}
