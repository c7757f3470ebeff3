/**
 * The emulator's HTTP server: one node:http server that routes the admin API (`/_emulator/...`), the
 * runtime API (`POST /endpoints/{name}/invocations`), CloudWatch (`POST /` with a CloudWatch
 * `X-Amz-Target`) and the control plane (`POST /`), and stamps every response with an `x-amzn-RequestId`.
 */
import { randomUUID } from "node:crypto";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import { ADMIN_PREFIX, AdminTarget, serveAdmin } from "./admin";
import { AwsError, CONTROL_PLANE_DIALECT, sendError } from "./aws-error";
import { CloudWatchDeps, isCloudWatchRequest, serveCloudWatch } from "./cloudwatch";
import { ControlPlaneDeps, serveControlPlane } from "./control-plane";
import { INVOCATIONS_PATH, RuntimeDeps, serveInvocation } from "./runtime";

/** Everything the routes serve from. */
export interface Routes {
  /** Control plane dependencies. */
  controlPlane: ControlPlaneDeps;
  /** Runtime API dependencies. */
  runtime: RuntimeDeps;
  /** CloudWatch API dependencies. */
  cloudWatch: CloudWatchDeps;
  /** Admin API target. */
  admin: AdminTarget;
}

/** A server (not yet listening) serving `routes`. */
export function createEmulatorServer(routes: Routes): Server {
  return createServer((req, res) => {
    res.setHeader("x-amzn-RequestId", randomUUID());
    route(req, res, routes).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, new AwsError("InternalFailure", String(error), 500), CONTROL_PLANE_DIALECT);
    });
  });
}

function route(req: IncomingMessage, res: ServerResponse, routes: Routes): Promise<void> {
  const path = new URL(req.url ?? "/", "http://emulator").pathname;
  if (path.startsWith(ADMIN_PREFIX)) return serveAdmin(req, res, path, routes.admin);
  const invocation = INVOCATIONS_PATH.exec(path);
  if (req.method === "POST" && invocation !== null) return serveInvocation(req, res, invocation[1], routes.runtime);
  if (req.method === "POST" && path === "/" && isCloudWatchRequest(req)) return serveCloudWatch(req, res, routes.cloudWatch);
  if (req.method === "POST" && path === "/") return serveControlPlane(req, res, routes.controlPlane);
  req.resume();
  sendError(res, new AwsError("UnknownOperationException", `No operation at ${req.method} ${path}`, 404), CONTROL_PLANE_DIALECT);
  return Promise.resolve();
}
