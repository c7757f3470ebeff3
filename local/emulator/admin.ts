/**
 * The emulator's own HTTP API under `/_emulator/`, so other processes can drive the knobs that the
 * JS API offers:
 *   POST /_emulator/faults        body as setFaults (`{}` clears) -> {"faults": {...}}
 *   GET  /_emulator/faults        -> {"faults": {...}}
 *   POST /_emulator/throttle      body as setThrottle (`{}` = the defaults) -> {"settings": {...}, "throttledCalls": n}
 *   DELETE /_emulator/throttle    turns throttling off -> {"settings": null, "throttledCalls": 0}
 *   GET  /_emulator/throttle      -> {"settings": {...} | null, "throttledCalls": n}
 *   GET  /_emulator/calls         -> {"total": n, "byOperation": {...}}
 *   GET  /_emulator/calls/log     -> {"calls": [{caller, action, resourceArn, decision, count}], "dropped": n}
 *   POST /_emulator/calls/reset   -> {"total": 0, "byOperation": {}} (empties the log too)
 *   POST /_emulator/roles         {"roleArn", "policies": [{name, document}], "sessionName"?} -> its credentials
 *   POST /_emulator/roles/policies {"roleArn", "policies": [{name, document}]} -> replaces them
 *   GET  /_emulator/roles         -> {"roles": [...], "evaluator": {evaluations, evaluationMs, cacheHits, cacheHitMs}}
 *   GET  /_emulator/metrics       -> {"requests", "dropped", "series": [{namespace, metricName, dimensions, sampleCount, sum}], "datums"}
 *   POST /_emulator/metrics/reset -> the same, emptied
 *   POST /_emulator/containers    {"endpointName": "...", "url": "...", "configName"?: "..."} -> the same
 *   POST /_emulator/deployment-fault  {"fault": "health-check" | "alarm" | null} -> {"fault": ...}
 *   GET  /_emulator/deployment-fault  -> {"fault": ...}
 *   GET  /_emulator/health        -> {"status": "ok"}
 * Bad requests answer 400 and unknown routes 404, with `{"error": "<one line>"}`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallCounts } from "./call-counter";
import type { DeploymentFault } from "./deployment-runner";
import type { AttachOptions } from "./fleets";
import type { CallLog } from "./call-log";
import type { FaultSettings } from "./faults";
import type { MetricsSnapshot } from "./metric-store";
import type { NamedPolicy } from "./iam/evaluate";
import type { EnforcementStats } from "./iam/enforcer";
import { parsePolicies, type RoleCredentials, type RoleSpec, type RoleSummary } from "./iam/roles";
import type { ThrottleSettings } from "./throttle";
import { readBody, sendJson } from "./http-io";

/** Path prefix of the admin API. */
export const ADMIN_PREFIX = "/_emulator/";

/** What the admin API drives (the SageMakerEmulator). */
export interface AdminTarget {
  /** Replaces the fault settings; throws a one-line Error when they are bad. */
  setFaults(settings: FaultSettings): void;
  /** The fault settings in force. */
  faults(): FaultSettings;
  /** Turns throttling on (settings over the defaults) or off (null); throws a one-line Error when bad. */
  setThrottle(settings: ThrottleSettings | null): void;
  /** The throttle in force and the calls it refused. */
  throttle(): { settings: Required<ThrottleSettings> | null; throttledCalls: number };
  /** The call counters. */
  calls(): CallCounts;
  /** The distinct calls with their IAM action, resource and decision. */
  callLog(): ReturnType<CallLog["snapshot"]>;
  /** Zeroes the call counters and the call log. */
  resetCalls(): void;
  /** The metrics received through PutMetricData. */
  metrics(): MetricsSnapshot;
  /** Forgets the metrics received. */
  resetMetrics(): void;
  /** Attaches a container to an endpoint name (and config); throws a one-line Error when bad. */
  attachContainer(endpointName: string, baseUrl: string, options?: AttachOptions): void;
  /** Sets the fault of the following deployments (null clears); throws a one-line Error when bad. */
  setDeploymentFault(fault: DeploymentFault | null): void;
  /** The deployment fault in force. */
  deploymentFault(): DeploymentFault | null;
  /** Registers a role (or replaces its policies); resolves with its credentials. */
  registerRole(role: RoleSpec): Promise<RoleCredentials>;
  /** Replaces a registered role's policies. */
  setRolePolicies(roleArn: string, policies: NamedPolicy[]): Promise<void>;
  /** The registered roles. */
  roles(): RoleSummary[];
  /** Time spent judging role calls. */
  iamStats(): EnforcementStats;
}

const MAX_ADMIN_BYTES = 64 * 1024;

/** Serves one admin request. */
export async function serveAdmin(req: IncomingMessage, res: ServerResponse, path: string, target: AdminTarget): Promise<void> {
  const route = `${req.method} ${path.slice(ADMIN_PREFIX.length)}`;
  try {
    switch (route) {
      case "POST faults":
        target.setFaults((await readJson(req)) as FaultSettings);
        return sendJson(res, 200, { faults: target.faults() });
      case "GET faults":
        return sendJson(res, 200, { faults: target.faults() });
      case "POST throttle":
        target.setThrottle((await readJson(req)) as ThrottleSettings);
        return sendJson(res, 200, target.throttle());
      case "DELETE throttle":
        target.setThrottle(null);
        return sendJson(res, 200, target.throttle());
      case "GET throttle":
        return sendJson(res, 200, target.throttle());
      case "GET calls":
        return sendJson(res, 200, target.calls());
      case "GET calls/log":
        return sendJson(res, 200, target.callLog());
      case "POST calls/reset":
        target.resetCalls();
        return sendJson(res, 200, target.calls());
      case "GET metrics":
        return sendJson(res, 200, target.metrics());
      case "POST metrics/reset":
        target.resetMetrics();
        return sendJson(res, 200, target.metrics());
      case "POST containers": {
        const { endpointName, url, configName } = (await readJson(req)) as Record<string, unknown>;
        if (typeof endpointName !== "string" || typeof url !== "string" || !(configName === undefined || typeof configName === "string")) {
          throw new Error('body must be {"endpointName": "<name>", "url": "http://host:port", "configName"?: "<config>"}');
        }
        target.attachContainer(endpointName, url, { configName });
        return sendJson(res, 200, { endpointName, url, ...(configName === undefined ? {} : { configName }) });
      }
      case "POST deployment-fault": {
        const { fault } = (await readJson(req)) as Record<string, unknown>;
        target.setDeploymentFault((fault ?? null) as DeploymentFault | null);
        return sendJson(res, 200, { fault: target.deploymentFault() });
      }
      case "GET deployment-fault":
        return sendJson(res, 200, { fault: target.deploymentFault() });
      case "POST roles": {
        const { roleArn, policies, sessionName } = (await readJson(req)) as Record<string, unknown>;
        if (typeof roleArn !== "string") throw new Error('body must be {"roleArn": "...", "policies": [...]}');
        if (sessionName !== undefined && typeof sessionName !== "string") throw new Error("sessionName must be a string");
        const credentials = await target.registerRole({ roleArn, policies: parsePolicies(policies), sessionName });
        return sendJson(res, 200, { roleArn, credentials });
      }
      case "POST roles/policies": {
        const { roleArn, policies } = (await readJson(req)) as Record<string, unknown>;
        if (typeof roleArn !== "string") throw new Error('body must be {"roleArn": "...", "policies": [...]}');
        const parsed = parsePolicies(policies);
        await target.setRolePolicies(roleArn, parsed);
        return sendJson(res, 200, { roleArn, policies: parsed });
      }
      case "GET roles":
        return sendJson(res, 200, { roles: target.roles(), evaluator: target.iamStats() });
      case "GET health":
        return sendJson(res, 200, { status: "ok" });
      default:
        return sendJson(res, 404, { error: `no admin route ${req.method} ${path}` });
    }
  } catch (error) {
    sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req, MAX_ADMIN_BYTES)).toString("utf8");
  try {
    return text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new Error(`request body is not valid JSON: ${text.slice(0, 80)}`);
  }
}
