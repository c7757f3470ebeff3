// Plain node:http clients for the burst and drain scenarios (and the container's drain tests): one
// POST with its outcome, one timed `/ping`, a big JSON body, and keep-alive clients posting in a loop.
import { Agent, request } from "node:http";

/** The outcome of one POST: its status and `Connection` header, or the client-side error code. */
export type Outcome = { status: number; connection: string | undefined; ms: number } | { error: string; ms: number };

/** POSTs `body` to `<url>/invocations` through `agent` (false: a fresh connection); never rejects. */
export function postInvocation(url: string, body: string | Buffer, agent: Agent | false, headers: Record<string, string> = {}): Promise<Outcome> {
  const started = performance.now();
  const ms = (): number => performance.now() - started;
  return new Promise((resolve) => {
    const req = request(
      `${url}/invocations`,
      { method: "POST", agent, headers: { "content-type": "application/json", ...headers, "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.once("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, ms: ms() }));
        res.once("error", (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message, ms: ms() }));
      },
    );
    req.once("error", (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message, ms: ms() }));
    req.end(body);
  });
}

/** Milliseconds one `GET <url>/ping` takes on a fresh connection; rejects unless it answers 200. */
export function timePing(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/ping`, { agent: false }, (res) => {
      res.resume();
      res.once("end", () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`/ping answered ${res.statusCode}`))));
    });
    req.once("error", reject);
    req.end();
  });
}

/** Pings `url` one after another (pausing `pauseMs` between two) until `stop()`; resolves with every duration. */
export function pingContinuously(url: string, pauseMs: number): { stop(): Promise<number[]> } {
  const durations: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      durations.push(await timePing(url));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return durations;
    },
  };
}

/** A valid sample-model JSON body (`{"instances": [[...], ...]}`) of at most `bytes` bytes. */
export function bigInstancesBody(bytes: number): Buffer {
  const row = "[123.456,3,15,4.25]";
  const count = Math.floor((bytes - 20) / (row.length + 1));
  return Buffer.from(`{"instances":[${Array.from({ length: count }, () => row).join(",")}]}`);
}

/** What keep-alive clients saw. */
export interface KeepAliveTally {
  /** Responses received. */
  answered: number;
  /** Requests lost: any client error other than a refused new connection (a request never sent). */
  lost: string[];
  /** Responses with a status other than 200. */
  non200: number;
}

/**
 * `clients` keep-alive clients, each posting `body` in a loop on its own connection until the server
 * answers `Connection: close` or refuses a new connection. `tally` is live (read it while they run).
 */
export function keepAliveClients(url: string, body: string, clients: number, headers: Record<string, string> = {}): { tally: KeepAliveTally; done: Promise<void> } {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const tally: KeepAliveTally = { answered: 0, lost: [], non200: 0 };
  const client = async (): Promise<void> => {
    for (;;) {
      const outcome = await postInvocation(url, body, agent, headers);
      if ("error" in outcome) {
        if (outcome.error !== "ECONNREFUSED") tally.lost.push(outcome.error);
        return;
      }
      tally.answered += 1;
      if (outcome.status !== 200) tally.non200 += 1;
      if (outcome.connection === "close") return;
    }
  };
  const done = Promise.all(Array.from({ length: clients }, client)).then(() => agent.destroy());
  return { tally, done };
}
