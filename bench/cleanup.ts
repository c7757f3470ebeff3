// Everything the bench starts registers how to stop it here; the registry runs the stops in reverse
// order at the end, on failure and on Ctrl-C, each bounded in time, and each at most once (a second
// caller, e.g. a signal arriving while the bench is already stopping, waits for the same run).

/** A stack of stop actions. */
export class Cleanup {
  private readonly actions = new Map<number, { name: string; stop: () => Promise<void> }>();
  private nextId = 0;
  private stopping: Promise<void> | undefined;

  /** Registers a stop action; the returned function unregisters it (for a part stopped on its own). */
  add(name: string, stop: () => Promise<void>): () => void {
    const id = this.nextId++;
    this.actions.set(id, { name, stop });
    return () => void this.actions.delete(id);
  }

  /** Runs every registered action, newest first, giving each at most `timeoutMs` (default 10000); never throws. */
  runAll(timeoutMs = 10000): Promise<void> {
    this.stopping ??= this.stopEach(timeoutMs);
    return this.stopping;
  }

  private async stopEach(timeoutMs: number): Promise<void> {
    const pending = [...this.actions.entries()].reverse();
    this.actions.clear();
    for (const [, { name, stop }] of pending) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          console.error(`[bench] stopping ${name} took over ${timeoutMs} ms; moving on`);
          resolve();
        }, timeoutMs);
      });
      try {
        await Promise.race([stop(), timeout]);
      } catch (err) {
        console.error(`[bench] stopping ${name} failed: ${(err as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
