/**
 * Admission control for invocations: at most `limit` run at once in this process (reading the body,
 * decoding, predicting, encoding), later ones wait in a FIFO queue of at most `queueLimit`; beyond that
 * an invocation is refused at once with a 503 and `Retry-After`. This bounds the memory and the event-loop
 * time big requests can take together, so `/ping` stays answered within SageMaker's 2 s during a burst.
 * A queued invocation whose deadline passes (or whose client leaves) gives up its place.
 */
import { HttpError } from "./errors";

/**
 * Invocations run at once by default: 1. JavaScript runs on one core, so a second CPU-bound invocation
 * only adds memory and a second step for `/ping` to wait behind (measured with `npm run bench -- --only
 * burst`: /ping max 0.76 s at 1, 2.3 s at 2). A handler that awaits a remote model wants more.
 */
export const DEFAULT_MAX_CONCURRENT_INVOCATIONS = 1;

/** Invocations that may wait for a slot by default; one more is refused with 503. */
export const DEFAULT_MAX_QUEUED_INVOCATIONS = 256;

/** Seconds a refused client is told to wait before retrying. */
export const RETRY_AFTER_SECONDS = 1;

/** Gives the slot back; call it exactly once. */
export type Release = () => void;

interface Waiter {
  readonly grant: (release: Release) => void;
  readonly signal: AbortSignal;
}

/** A counting semaphore with a bounded FIFO queue. */
export class Admission {
  private running = 0;
  private readonly queue: Waiter[] = [];

  /**
   * @param limit invocations run at once (>= 1).
   * @param queueLimit invocations that may wait (>= 0).
   */
  constructor(
    private readonly limit: number,
    private readonly queueLimit: number,
  ) {}

  /** Invocations waiting for a slot right now. */
  queued(): number {
    return this.queue.length;
  }

  /**
   * Resolves with a release function once a slot is free; throws a 503 `HttpError` at once when the
   * queue is full. When `signal` aborts while waiting, the promise never resolves and the place is freed.
   */
  acquire(signal: AbortSignal): Promise<Release> {
    if (this.running < this.limit) {
      this.running += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.queueLimit) {
      return Promise.reject(
        new HttpError(
          503,
          "TooManyInvocations",
          `the model server is busy: ${this.limit} invocations running and ${this.queue.length} waiting; retry after ${RETRY_AFTER_SECONDS} s`,
          { "Retry-After": String(RETRY_AFTER_SECONDS) },
        ),
      );
    }
    return new Promise((grant) => {
      const waiter: Waiter = { grant, signal };
      this.queue.push(waiter);
      signal.addEventListener("abort", () => this.forget(waiter), { once: true });
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next === undefined) this.running -= 1;
      else next.grant(this.releaser());
    };
  }

  private forget(waiter: Waiter): void {
    const index = this.queue.indexOf(waiter);
    if (index >= 0) this.queue.splice(index, 1);
  }
}
