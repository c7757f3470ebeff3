// Progress lines while the bench runs: "[bench   12.3 s] message" on stdout.

const startedAt = performance.now();

/** Prints one progress line with the seconds since the bench started. */
export function progress(message: string): void {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[bench ${seconds} s] ${message}\n`);
}

/** Seconds since the bench started. */
export function elapsedSeconds(): number {
  return (performance.now() - startedAt) / 1000;
}
