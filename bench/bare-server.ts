// "bare": the limit for this runtime. A bare node:http server that runs the sample handler's own
// parse -> predict -> encode (container/src/sample) on each POST /invocations, with the same context a
// handler gets (the tags as a constant view, the custom attributes parsed) and nothing else: no
// routing table, no content negotiation, no header or size checks, no deadline, no tag cache, no logs.
// Built to plain JavaScript by the bench and run as `node bare-server.js` with SM_MODEL_DIR,
// BARE_TAGS (the exposed tags as JSON) and SAGEMAKER_BIND_TO_PORT.
import { createServer } from "node:http";
import { parseCustomAttributes } from "../container/src/custom-attributes";
import type { InvocationContext, Logger } from "../container/src";
import { linearModelHandler } from "../container/src/sample/handler";

const exposed = JSON.parse(process.env.BARE_TAGS ?? "{}") as Record<string, string>;
const loadedAt = new Date();
const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
  bound: () => silent,
  enabled: () => false,
};

async function main(): Promise<void> {
  const model = await linearModelHandler.modelFn(process.env.SM_MODEL_DIR ?? "/opt/ml/model");
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/ping") {
      res.writeHead(200).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const attributesHeader = req.headers["x-amzn-sagemaker-custom-attributes"];
      const customAttributes = parseCustomAttributes(attributesHeader);
      const context: InvocationContext = {
        tags: { status: "fresh", exposed, merged: exposed, layers: { endpoint: exposed, endpointConfig: {}, model: {} }, loadedAt, ageSeconds: (Date.now() - loadedAt.getTime()) / 1000, lastError: null, endpointConfigName: null },
        customAttributes,
        inferenceId: null,
        endpointName: process.env.SAGEMAKER_ENDPOINT_NAME ?? null,
        variantName: process.env.SAGEMAKER_VARIANT_NAME ?? null,
        fleet: null,
        log: silent,
      };
      const input = linearModelHandler.inputFn(Buffer.concat(chunks), "application/json", context) as number[][];
      const prediction = linearModelHandler.predictFn(input, model, context) as number[];
      const body = linearModelHandler.outputFn(prediction, "application/json", context) as string;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (customAttributes !== null) headers["x-amzn-sagemaker-custom-attributes"] = customAttributes.raw;
      res.writeHead(200, headers).end(body);
    });
  });
  server.listen(Number(process.env.SAGEMAKER_BIND_TO_PORT ?? 8080), "127.0.0.1");
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

void main();
