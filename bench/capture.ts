// Captures one real `/invocations` response of the container (status, headers, body bytes) so the
// ceiling server can answer with exactly the same bytes, once the container's tags are fresh.
import { request } from "node:http";
import { SampleRequest } from "./sample-request";

/** One HTTP response, as the ceiling server replays it. */
export interface CapturedResponse {
  /** Status code. */
  status: number;
  /** Response headers set by the handler, lower-case names; per-connection headers (date, connection, keep-alive, content-length, transfer-encoding) left out, node sets those itself. */
  headers: Record<string, string>;
  /** Body bytes, base64. */
  bodyBase64: string;
}

const PER_CONNECTION_HEADERS = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);

/** Sends the sample request once and returns the response. */
export function invokeOnce(baseUrl: string, sample: SampleRequest): Promise<CapturedResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/invocations`,
      {
        method: "POST",
        headers: { ...sample.headers, "content-length": String(Buffer.byteLength(sample.body)) },
        agent: false,
        timeout: 10000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.once("error", reject);
        res.once("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (!PER_CONNECTION_HEADERS.has(name) && value !== undefined) headers[name] = String(value);
          }
          resolve({ status: res.statusCode ?? 0, headers, bodyBase64: Buffer.concat(chunks).toString("base64") });
        });
      },
    );
    req.once("timeout", () => req.destroy(new Error("/invocations did not answer within 10 s")));
    req.once("error", reject);
    req.end(sample.body);
  });
}

/**
 * Invokes until the response reports `deployment.tagsStatus: "fresh"` (the tag load at start-up
 * has finished), at most `attempts` times (default 100) 50 ms apart; throws if it never does or the
 * status is not 200.
 */
export async function captureFreshResponse(baseUrl: string, sample: SampleRequest, attempts = 100): Promise<CapturedResponse> {
  let last: CapturedResponse | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await invokeOnce(baseUrl, sample);
    if (last.status !== 200) {
      throw new Error(`/invocations answered ${last.status}: ${Buffer.from(last.bodyBase64, "base64").toString().slice(0, 200)}`);
    }
    if (tagsStatus(last) === "fresh") return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the container's tags were not fresh after ${attempts} invocations (last status: ${last ? tagsStatus(last) : "none"})`);
}

function tagsStatus(response: CapturedResponse): string {
  const body = JSON.parse(Buffer.from(response.bodyBase64, "base64").toString()) as { deployment?: { tagsStatus?: string } };
  return body.deployment?.tagsStatus ?? "missing";
}
