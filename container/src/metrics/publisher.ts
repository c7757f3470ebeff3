/**
 * Publishes the in-memory aggregates every interval (and once more on close), off the request path: an
 * invocation only updates counters. Each publication becomes one or more requests (at most 1000 datums
 * and about 900 kB of JSON each, under CloudWatch's 1000 and 1 MB). Requests wait in a bounded buffer;
 * one is in flight at a time; a failure is retried after 1 s, 2 s, 4 s ... (capped at the interval), and
 * a request that failed `MAX_ATTEMPTS` times, or that no longer fits the buffer, is dropped and counted
 * (published as `MetricsDropped` and logged). Nothing here can block or fail an invocation.
 */
import type { MetricDatum } from "@aws-sdk/client-cloudwatch";
import type { DimensionSet } from "../deployment-context";
import { errorMessage, type Logger } from "../log";
import { IntervalAggregate, type InvocationSample } from "./aggregate";
import { metricData } from "./metric-data";

/** Sends one request's datums (PutMetricData); rejects on failure. */
export type MetricSink = (data: MetricDatum[], signal: AbortSignal) => Promise<void>;

/** Datums the buffer holds at most (a CloudWatch outage of many intervals drops the oldest beyond it). */
export const MAX_BUFFERED_DATA = 10_000;

/** Attempts per request before it is dropped. */
export const MAX_ATTEMPTS = 4;

/** Datums per request at most (CloudWatch's limit). */
export const MAX_DATA_PER_REQUEST = 1000;

/** JSON characters per request at most (CloudWatch's limit is 1 MB). */
export const MAX_REQUEST_CHARS = 900_000;

/** What a publisher needs. */
export interface PublisherOptions {
  /** Milliseconds between publications. */
  readonly intervalMs: number;
  /** Where requests go. */
  readonly sink: MetricSink;
  /** Where failures and drops are logged. */
  readonly log: Logger;
}

/** Counters of what the publisher did, for tests and the shutdown line. */
export interface PublisherStats {
  /** Requests the sink accepted. */
  readonly requests: number;
  /** Datums in those requests. */
  readonly published: number;
  /** Datums dropped (failed too often, or did not fit the buffer). */
  readonly dropped: number;
  /** Failed attempts. */
  readonly failures: number;
}

interface Batch {
  readonly data: MetricDatum[];
  attempts: number;
}

/** Aggregates invocations and publishes them (see the module comment). */
export class MetricsPublisher {
  private interval = new IntervalAggregate();
  private readonly batches: Batch[] = [];
  private buffered = 0;
  private droppedSinceLast = 0;
  private counters = { requests: 0, published: 0, dropped: 0, failures: 0 };
  private sending: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private readonly aborter = new AbortController();
  private closing = false;

  constructor(private readonly options: PublisherOptions) {}

  /** Starts publishing every interval. */
  start(): void {
    this.ticker = setInterval(() => this.publish(), this.options.intervalMs).unref();
  }

  /** Counts one answered invocation for `set`. */
  recordInvocation(set: DimensionSet, sample: InvocationSample): void {
    this.interval.recordInvocation(set, sample);
  }

  /** Counts one control-plane request for `set`. */
  recordControlPlaneCall(set: DimensionSet, failed: boolean): void {
    this.interval.recordControlPlaneCall(set, failed);
  }

  /** What was published and dropped so far. */
  stats(): PublisherStats {
    return { ...this.counters };
  }

  /**
   * Publishes what is left and waits for the buffer to empty, at most `deadlineMs` (retries are not
   * waited for: what still fails is dropped); then aborts a request in flight. Stops the timer.
   */
  async close(deadlineMs: number): Promise<PublisherStats> {
    this.closing = true;
    clearInterval(this.ticker);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.publish();
    const deadline = Date.now() + deadlineMs;
    while (this.sending !== null && Date.now() < deadline) await Promise.race([this.sending, sleep(deadline - Date.now())]);
    this.aborter.abort();
    for (const batch of this.batches.splice(0)) this.drop(batch, "not sent before shutdown");
    this.buffered = 0;
    return this.stats();
  }

  /** Ends the interval: its datums join the buffer and sending starts. */
  private publish(): void {
    const ended = this.interval;
    this.interval = new IntervalAggregate();
    if (ended.isEmpty() && this.droppedSinceLast === 0) return;
    const data = metricData(ended, new Date(), this.droppedSinceLast);
    this.droppedSinceLast = 0;
    for (const batch of batchesOf(data)) {
      this.batches.push(batch);
      this.buffered += batch.data.length;
    }
    // The oldest batch not in flight goes first.
    while (this.buffered > MAX_BUFFERED_DATA && this.batches.length > 1) {
      const [oldest] = this.batches.splice(this.sending === null ? 0 : 1, 1);
      this.buffered -= oldest.data.length;
      this.drop(oldest, "buffer full");
    }
    this.send();
  }

  private send(): void {
    if (this.sending !== null || this.retryTimer !== undefined || this.batches.length === 0) return;
    const batch = this.batches[0];
    batch.attempts += 1;
    this.sending = this.options.sink(batch.data, this.aborter.signal).then(
      () => {
        this.remove(batch);
        this.counters.requests += 1;
        this.counters.published += batch.data.length;
      },
      (err: unknown) => this.failed(batch, err),
    );
    void this.sending.finally(() => {
      this.sending = null;
      if (this.retryTimer === undefined && !this.aborter.signal.aborted) this.send();
    });
  }

  private failed(batch: Batch, err: unknown): void {
    this.counters.failures += 1;
    if (this.aborter.signal.aborted) return;
    if (batch.attempts >= MAX_ATTEMPTS || this.closing) {
      this.remove(batch);
      this.drop(batch, `failed ${batch.attempts} times: ${errorMessage(err)}`);
      return;
    }
    const delay = Math.min(1000 * 2 ** (batch.attempts - 1), this.options.intervalMs);
    this.options.log.warn("metrics publication failed; retrying", { error: errorMessage(err), attempt: batch.attempts, retryInSeconds: delay / 1000 });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.send();
    }, delay).unref();
  }

  private remove(batch: Batch): void {
    const index = this.batches.indexOf(batch);
    if (index >= 0) {
      this.batches.splice(index, 1);
      this.buffered -= batch.data.length;
    }
  }

  /** Counts a batch already taken out of the buffer as dropped. */
  private drop(batch: Batch, reason: string): void {
    this.counters.dropped += batch.data.length;
    this.droppedSinceLast += batch.data.length;
    this.options.log.warn("metrics dropped", { datums: batch.data.length, reason });
  }
}

/** `data` split into requests within CloudWatch's limits. */
function batchesOf(data: MetricDatum[]): Batch[] {
  const batches: Batch[] = [];
  let current: MetricDatum[] = [];
  let chars = 0;
  for (const datum of data) {
    const size = JSON.stringify(datum).length;
    if (current.length > 0 && (current.length >= MAX_DATA_PER_REQUEST || chars + size > MAX_REQUEST_CHARS)) {
      batches.push({ data: current, attempts: 0 });
      current = [];
      chars = 0;
    }
    current.push(datum);
    chars += size;
  }
  if (current.length > 0) batches.push({ data: current, attempts: 0 });
  return batches;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());
}
