/**
 * The SageMaker control plane over AWS JSON 1.1: `POST /` with `X-Amz-Target: SageMaker.<Operation>`
 * and a JSON body; answers `application/x-amz-json-1.1`. Every call is counted (faulted and throttled
 * ones too); a call signed with a registered role's credentials is judged by the role's policies
 * (AccessDeniedException when they do not allow it) and logged with its action and resource; then it may
 * be throttled, then gets its injected latency and error, if any, then runs.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { AwsError, CONTROL_PLANE_DIALECT, asAwsError, sendError } from "./aws-error";
import type { CallCounter } from "./call-counter";
import type { CallLog } from "./call-log";
import type { JsonObject } from "./constraints";
import { ENDPOINT_CONFIG_OPERATIONS } from "./endpoint-config-operations";
import { ENDPOINT_OPERATIONS } from "./endpoint-operations";
import { Faults, faultError } from "./faults";
import { readBody, sendJson } from "./http-io";
import { accessKeyId, authorize } from "./iam/authorize";
import type { RoleEnforcer } from "./iam/enforcer";
import { resourceTagContext } from "./iam/evaluate";
import { MODEL_OPERATIONS } from "./model-operations";
import type { OperationContext, OperationTable } from "./operation";
import { TAG_OPERATIONS } from "./tag-operations";
import { throttlingError, type Throttle } from "./throttle";

/** Every operation the emulator serves, by name. */
export const OPERATIONS: OperationTable = {
  ...MODEL_OPERATIONS,
  ...ENDPOINT_CONFIG_OPERATIONS,
  ...ENDPOINT_OPERATIONS,
  ...TAG_OPERATIONS,
};

/** The names of the operations the emulator serves. */
export const OPERATION_NAMES = Object.keys(OPERATIONS);

const TARGET_PREFIX = "SageMaker.";
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

/** What the control plane needs besides the request. */
export interface ControlPlaneDeps {
  /** Resources, settings and clock. */
  context: OperationContext;
  /** Fault settings. */
  faults: Faults;
  /** Call counters. */
  calls: CallCounter;
  /** The distinct calls, with caller, action, resource and decision. */
  log: CallLog;
  /** Judges calls signed with a registered role's credentials. */
  iam: RoleEnforcer;
  /** Per-account, per-operation token buckets (off until set). */
  throttle: Throttle;
}

/** Serves one control-plane request. */
export async function serveControlPlane(req: IncomingMessage, res: ServerResponse, deps: ControlPlaneDeps): Promise<void> {
  try {
    const body = await readBody(req, MAX_REQUEST_BYTES);
    const target = String(req.headers["x-amz-target"] ?? "");
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    deps.calls.record(name);
    const operation = target.startsWith(TARGET_PREFIX) ? OPERATIONS[name] : undefined;
    if (operation === undefined) throw new AwsError("UnknownOperationException", `Unknown operation: ${JSON.stringify(target)}`);
    const input = parseInput(body);
    const { store } = deps.context;
    const resourceArn = operation.resourceArn?.(input, store);
    const context = () => resourceTagContext((resourceArn === undefined ? undefined : store.findByArn(resourceArn))?.tags ?? []);
    const callerArn = await authorize(deps, { accessKeyId: accessKeyId(req), action: `sagemaker:${name}`, resourceArn, context });
    if (!deps.throttle.take(deps.context.store.scope.accountId, name)) throw throttlingError();
    const fault = deps.faults.take(name);
    if (fault !== undefined && fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault?.error !== undefined) {
      const faultCaller = callerArn ?? `arn:aws:sts::${store.scope.accountId}:assumed-role/sagemaker-emulator-role/${accessKeyId(req)}`;
      throw faultError(fault.error, { operation: name, callerArn: faultCaller, resourceArn });
    }
    sendJson(res, 200, operation.run(input, deps.context), CONTROL_PLANE_DIALECT.contentType);
  } catch (error) {
    sendError(res, asAwsError(error), CONTROL_PLANE_DIALECT);
  }
}

/** The request body as a JSON object (an empty body is `{}`), or a SerializationException. */
function parseInput(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new AwsError("SerializationException", `Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AwsError("SerializationException", "Request body must be a JSON object");
  }
  return parsed as JsonObject;
}
