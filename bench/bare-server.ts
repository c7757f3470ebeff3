// The ceiling: a bare node:http server that answers `POST /invocations` with the exact status,
// headers and body bytes captured from the container's sample handler, after reading the request
// body, and `GET /ping` with 200. Nothing else. Built to plain JavaScript by the bench and run as
// `node bare-server.js` with BARE_RESPONSE_FILE (a CapturedResponse as JSON) and SAGEMAKER_BIND_TO_PORT.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { CapturedResponse } from "./capture";

const captured = JSON.parse(readFileSync(process.env.BARE_RESPONSE_FILE ?? "", "utf8")) as CapturedResponse;
const body = Buffer.from(captured.bodyBase64, "base64");
const headers = { ...captured.headers, "content-length": String(body.length) };

const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/ping") {
    res.writeHead(200).end();
  } else if (req.method === "POST" && req.url === "/invocations") {
    req.on("data", () => undefined);
    req.on("end", () => res.writeHead(captured.status, headers).end(body));
  } else {
    res.writeHead(404).end();
  }
});
server.listen(Number(process.env.SAGEMAKER_BIND_TO_PORT ?? 8080), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
