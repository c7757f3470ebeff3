/**
 * When to replace a worker that died: at once after a single crash, then with a doubling delay while
 * crashes keep coming (a handler that crashes on every request, a host out of memory), so a crash loop
 * costs little CPU and the log shows it.
 */

/** Crashes further apart than this count as isolated. */
export const CRASH_WINDOW_MS = 60_000;

/** The longest wait before a replacement. */
export const MAX_RESTART_DELAY_MS = 30_000;

/** The wait before replacing a worker, given how many crashes (this one included) fell within the window. */
export function restartDelayMs(recentCrashes: number): number {
  if (recentCrashes <= 1) return 0;
  return Math.min(500 * 2 ** (recentCrashes - 2), MAX_RESTART_DELAY_MS);
}

/** Remembers crash times and gives the delay before each replacement. */
export class RestartBackoff {
  private crashes: number[] = [];

  /** Records a crash at `now` (ms) and returns the wait before its replacement. */
  crashed(now: number): number {
    this.crashes = [...this.crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
    return restartDelayMs(this.crashes.length);
  }
}
