/** Types of the JSON the emulator sends, derived from the AWS SDK's own shapes so member names match. */

/** `T` as the JSON protocols carry it: timestamps (Date in the SDK) are epoch seconds. */
export type Wire<T> = T extends Date
  ? number
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** Epoch seconds with millisecond precision, as AWS's JSON timestamps are. */
export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}
