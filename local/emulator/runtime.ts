/**
 * The SageMaker runtime API's InvokeEndpoint (REST-JSON): `POST /endpoints/{EndpointName}/invocations`
 * is forwarded to `POST <container>/invocations` of the container attached to the endpoint, with the
 * body and the Content-Type, Accept, X-Amzn-SageMaker-Custom-Attributes and X-Amzn-SageMaker-Inference-Id
 * headers. The answer carries the container's body, Content-Type and custom-attributes header, and
 * X-Amzn-Invoked-Production-Variant: the target variant, or one picked by the serving fleet's current
 * weights, whose own container (attached per variant) serves the call. Inputs SageMaker's
 * front end refuses (custom attributes, target variant) are a 400 ValidationError before anything is
 * forwarded. While a deployment shifts traffic, an invocation's variant is picked (or targeted) among the
 * old config's variants by their current weights, and goes to that variant's container in the new fleet
 * with the probability of the step's traffic share, else to its container in the old fleet; once the new
 * fleet takes 100 %, variants are picked among the new config's (the emulator's reading: AWS does not
 * document how steps apply to several variants). The endpoint serves while `Updating` or `RollingBack`, as
 * SageMaker's does. A container answering 4xx/5xx makes a `ModelError` (HTTP 424) with its status and
 * body, as SageMaker does.
 */
import { Agent, IncomingMessage, ServerResponse, request } from "node:http";
import { AwsError, RUNTIME_DIALECT, asAwsError, sendError } from "./aws-error";
import { endpointStatus } from "./endpoint-operations";
import { readBody } from "./http-io";
import type { FleetRegistry } from "./fleets";
import { checkInvocationHeaders, invokedVariant } from "./invocation-input";
import type { Store, StoredEndpoint } from "./store";
import { weightedVariants } from "./variant-weights";

/** AWS's payload limit of real-time invocations: 6 MiB. */
export const MAX_INVOCATION_BYTES = 6 * 1024 * 1024;

/** SageMaker's time limit for a container's answer to one invocation, in ms. */
export const CONTAINER_TIMEOUT_MS = 60_000;

/** Request headers forwarded to the container (lower case, as Node gives them). */
const FORWARDED_REQUEST_HEADERS = ["content-type", "accept", "x-amzn-sagemaker-custom-attributes", "x-amzn-sagemaker-inference-id"];

const CUSTOM_ATTRIBUTES = "x-amzn-sagemaker-custom-attributes";

/** `/endpoints/{EndpointName}/invocations`; the name is URI-encoded by the SDK. */
export const INVOCATIONS_PATH = /^\/endpoints\/([^/]+)\/invocations$/;

/** What the runtime needs besides the request. */
export interface RuntimeDeps {
  /** Resources (for endpoint lookup). */
  store: Store;
  /** The containers of each endpoint's fleets. */
  fleets: FleetRegistry;
  /** Keep-alive agent for the calls to containers (destroyed when the emulator closes). */
  agent: Agent;
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** Serves one InvokeEndpoint request for the URI-encoded endpoint name `encodedName`. */
export async function serveInvocation(req: IncomingMessage, res: ServerResponse, encodedName: string, deps: RuntimeDeps): Promise<void> {
  try {
    const name = decodeURIComponent(encodedName);
    checkInvocationHeaders(req);
    const body = await readBody(req, MAX_INVOCATION_BYTES);
    const { store } = deps;
    const endpoint = store.find("endpoint", name);
    if (endpoint === undefined || !SERVING.has(endpointStatus(endpoint, deps.now()))) {
      throw new AwsError("ValidationError", `Endpoint ${name} of account ${store.scope.accountId} not found.`);
    }
    const { configName, variant } = route(req, name, endpoint);
    const baseUrl = deps.fleets.url(name, configName, variant);
    if (baseUrl === undefined) {
      throw new AwsError(
        "ValidationError",
        `Endpoint ${name} has no container attached in the emulator (attachContainer, or POST /_emulator/containers).`,
      );
    }
    const answer = await forward(baseUrl, req, body, deps.agent, name);
    if (answer.status >= 400) throw modelError(answer, name, store);
    const headers: Record<string, string | number> = {
      "Content-Type": answer.headers["content-type"] ?? "application/octet-stream",
      "Content-Length": answer.body.length,
      "X-Amzn-Invoked-Production-Variant": variant,
    };
    const attributes = answer.headers[CUSTOM_ATTRIBUTES];
    if (attributes !== undefined) headers["X-Amzn-SageMaker-Custom-Attributes"] = String(attributes);
    res.writeHead(200, headers);
    res.end(answer.body);
  } catch (error) {
    sendError(res, asAwsError(error), RUNTIME_DIALECT);
  }
}

/** The statuses in which an endpoint takes invocations. */
const SERVING = new Set(["InService", "Updating", "RollingBack", "SystemUpdating"]);

/**
 * The fleet (by config) and variant one invocation goes to: the variant by the serving config's weights
 * (or the target), its new fleet's container with the probability of the traffic share (when the new
 * config has that variant), else its old one.
 */
function route(req: IncomingMessage, name: string, endpoint: StoredEndpoint): { configName: string; variant: string } {
  const pending = endpoint.deployment;
  if (pending !== undefined && pending.trafficPercent >= 100) {
    return { configName: pending.configName, variant: invokedVariant(req, name, weightedVariants(pending.variants), Math.random()) };
  }
  const variant = invokedVariant(req, name, weightedVariants(endpoint.variants, endpoint.weights), Math.random());
  const shifted =
    pending !== undefined &&
    pending.trafficPercent > 0 &&
    pending.variants.some((candidate) => candidate.VariantName === variant) &&
    Math.random() * 100 < pending.trafficPercent;
  return { configName: shifted ? pending.configName : endpoint.configName, variant };
}

interface ContainerAnswer {
  status: number;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

/** POSTs the invocation to `<baseUrl>/invocations`; network failures and time-outs become ModelErrors. */
function forward(baseUrl: string, req: IncomingMessage, body: Buffer, agent: Agent, name: string): Promise<ContainerAnswer> {
  const headers: Record<string, string | number> = { "Content-Length": body.length };
  for (const header of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[header];
    if (typeof value === "string") headers[header] = value;
  }
  const url = new URL("invocations", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: "POST", headers, agent, timeout: CONTAINER_TIMEOUT_MS }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on("error", reject);
    });
    outgoing.on("timeout", () => {
      outgoing.destroy();
      reject(new AwsError("ModelError", `Your invocation timed out while waiting for a response from container primary of endpoint ${name}.`, 424));
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      reject(new AwsError("ModelError", `The emulator could not reach the container of endpoint ${name} at ${url.href}: ${error.code ?? error.message}`, 424));
    });
    outgoing.end(body);
  });
}

/** SageMaker's ModelError for a container that answered with an error status. */
function modelError(answer: ContainerAnswer, name: string, store: Store): AwsError {
  const { region, accountId } = store.scope;
  const side = answer.status < 500 ? "client" : "server";
  const text = answer.body.toString("utf8");
  const group = `/aws/sagemaker/Endpoints/${name}`;
  const logs = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logEventViewer:group=${group}`;
  return new AwsError(
    "ModelError",
    `Received ${side} error (${answer.status}) from primary with message "${text}". See ${logs} in account ${accountId} for more information.`,
    424,
    { OriginalStatusCode: answer.status, OriginalMessage: text, LogStreamArn: `arn:aws:logs:${region}:${accountId}:log-group:${group}` },
  );
}
