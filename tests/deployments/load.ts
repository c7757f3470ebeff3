/**
 * Continuous load through the emulator's runtime API: N keep-alive clients, each sending one invocation
 * after the other until stopped; every answer is recorded with the model the serving container named.
 */
import { Agent, request } from "node:http";

/** One invocation's outcome. */
export interface LoadResult {
  /** When it was answered, epoch ms. */
  at: number;
  /** HTTP status, 0 when the connection failed. */
  status: number;
  /** `deployment.modelName` of the answer (200 only). */
  modelName?: string;
  /** The emulator's `X-Amzn-Invoked-Production-Variant` header (200 only). */
  invokedVariant?: string;
  /** `deployment.variantName` of the answer: the variant the container says it serves (200 only). */
  variantName?: string | null;
  /** The `ModelVersion` tag the container reports (200 only; undefined when it has none). */
  modelVersion?: string;
  /** The answer body (non-200 only), for the report. */
  error?: string;
}

/** A running load. */
export interface Load {
  /** Every outcome so far. */
  results: LoadResult[];
  /** Stops the clients and resolves once the last in-flight invocation is answered. */
  stop(): Promise<LoadResult[]>;
}

const BODY = JSON.stringify({ instances: [[120, 3, 15, 4]] });

/** One invocation of `endpointName` at `emulatorUrl` on `agent`. */
export function invokeOnce(emulatorUrl: string, endpointName: string, agent: Agent): Promise<LoadResult> {
  return new Promise((resolve) => {
    const req = request(
      new URL(`/endpoints/${encodeURIComponent(endpointName)}/invocations`, emulatorUrl),
      { method: "POST", agent, headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(BODY) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          if (status !== 200) return resolve({ at: Date.now(), status, error: text.slice(0, 300) });
          const { deployment } = JSON.parse(text) as { deployment: { modelName: string; variantName?: string | null; tags?: Record<string, string> } };
          const invokedVariant = res.headers["x-amzn-invoked-production-variant"];
          resolve({
            at: Date.now(),
            status,
            modelName: deployment.modelName,
            invokedVariant: typeof invokedVariant === "string" ? invokedVariant : undefined,
            variantName: deployment.variantName,
            modelVersion: deployment.tags?.ModelVersion,
          });
        });
        res.on("error", (error) => resolve({ at: Date.now(), status: 0, error: error.message }));
      },
    );
    req.on("error", (error) => resolve({ at: Date.now(), status: 0, error: error.message }));
    req.end(BODY);
  });
}

/** Starts `clients` keep-alive clients invoking `endpointName` back to back (bounded: at most `maxMs`). */
export function startLoad(emulatorUrl: string, endpointName: string, clients: number, maxMs = 120_000): Load {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const results: LoadResult[] = [];
  const deadline = Date.now() + maxMs;
  let stopped = false;
  const client = async () => {
    while (!stopped && Date.now() < deadline) results.push(await invokeOnce(emulatorUrl, endpointName, agent));
  };
  const running = Promise.all(Array.from({ length: clients }, client));
  return {
    results,
    stop: async () => {
      stopped = true;
      await running;
      agent.destroy();
      return results;
    },
  };
}
