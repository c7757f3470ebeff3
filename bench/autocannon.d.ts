// Type declarations for the part of autocannon's programmatic API the bench uses (autocannon 9 ships
// no types; this follows node_modules/autocannon/README.md, "API" and "Results").
declare module "autocannon" {
  import { EventEmitter } from "node:events";

  /** Options of one autocannon run (README "autocannon(opts[, cb])"). */
  interface Options {
    /** Target URL. */
    url: string;
    /** Concurrent connections; autocannon's default 10. */
    connections?: number;
    /** Seconds to run; autocannon's default 10. */
    duration?: number;
    /** Seconds before a request times out; autocannon's default 10. */
    timeout?: number;
    /** HTTP method; autocannon's default GET. */
    method?: string;
    /** Request body. */
    body?: string | Buffer;
    /** Request headers. */
    headers?: Record<string, string>;
    /** Requests per second over all connections; no limit by default. */
    overallRate?: number;
  }

  /** A histogram summary (hdr-histogram-percentiles-obj), in the unit of its statistic. */
  interface Histogram {
    /** Mean value. */
    average: number;
    /** Lowest value. */
    min: number;
    /** Highest value. */
    max: number;
    /** Sum of all recorded values (requests and throughput only). */
    total: number;
  }

  /** The result object a run resolves with (README "Results"). */
  interface Result {
    /** Seconds the run took. */
    duration: number;
    /** Connection errors, timeouts included. */
    errors: number;
    /** Connection timeouts. */
    timeouts: number;
    /** Responses with a status outside 2xx. */
    non2xx: number;
    /** Responses with a 2xx status. */
    "2xx": number;
    /** Requests completed per second. */
    requests: Histogram;
    /** Latency in whole milliseconds. */
    latency: Histogram;
  }

  /** A running instance: an EventEmitter ("tick", "response", "done") that is also a promise of the result. */
  interface Instance extends EventEmitter, PromiseLike<Result> {
    /** Ends the run early; the result still arrives. */
    stop(): void;
  }

  function autocannon(opts: Options): Instance;
  export = autocannon;
}
