/**
 * CloudWatch's `PutMetricData` as the AWS SDK for JavaScript v3 sends it (checked in
 * `@aws-sdk/client-cloudwatch` 3.1142: AWS JSON 1.0 with awsQuery compatibility, not awsQuery or
 * RPCv2 CBOR): `POST /` with `X-Amz-Target: GraniteServiceVersion20100801.PutMetricData`,
 * `Content-Type: application/x-amz-json-1.0`, a JSON body (gzip-compressed, `Content-Encoding: gzip`,
 * from 10 kB), timestamps as epoch seconds. Answers `{}`, or an error with `__type`, `message` and the
 * `x-amzn-query-error: <Code>;Sender` header the SDK reads for awsQuery-compatible services. Checks what
 * CloudWatch checks (namespace, at most 1000 datums, 30 dimensions, 150 values). A call signed with a
 * registered role's credentials is judged as `cloudwatch:PutMetricData` on `*` with the condition key
 * `cloudwatch:namespace` (AccessDeniedException when the role does not allow it); faults apply as to
 * the control plane (operation name `PutMetricData`).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { gunzipSync } from "node:zlib";
import { AwsError, asAwsError, sendError, type ErrorDialect } from "./aws-error";
import { Faults, faultError } from "./faults";
import { readBody, sendJson } from "./http-io";
import { accessKeyId, authorize, type AuthorizeDeps } from "./iam/authorize";
import type { MetricStore, ReceivedDatum } from "./metric-store";

/** The `X-Amz-Target` prefix of CloudWatch's operations. */
export const CLOUDWATCH_TARGET_PREFIX = "GraniteServiceVersion20100801.";

/** The CloudWatch operations the emulator serves (fault knobs accept them). */
export const CLOUDWATCH_OPERATIONS = ["PutMetricData"];

/** CloudWatch's errors over AWS JSON 1.0. */
export const CLOUDWATCH_DIALECT: ErrorDialect = {
  namespace: "com.amazonaws.cloudwatch",
  messageKey: "message",
  contentType: "application/x-amz-json-1.0",
};

const MAX_REQUEST_BYTES = 1024 * 1024;
const MAX_DATUMS = 1000;
const MAX_DIMENSIONS = 30;
const MAX_VALUES = 150;

/** What the CloudWatch API needs. */
export interface CloudWatchDeps extends AuthorizeDeps {
  /** Where accepted datums go. */
  metrics: MetricStore;
  /** Fault settings shared with the control plane. */
  faults: Faults;
  /** Account id for the caller ARN of a faulted call. */
  accountId: string;
}

/** True when `req` is addressed to CloudWatch (by its `X-Amz-Target`). */
export function isCloudWatchRequest(req: IncomingMessage): boolean {
  return String(req.headers["x-amz-target"] ?? "").startsWith(CLOUDWATCH_TARGET_PREFIX);
}

/** Serves one CloudWatch request. */
export async function serveCloudWatch(req: IncomingMessage, res: ServerResponse, deps: CloudWatchDeps): Promise<void> {
  try {
    const raw = await readBody(req, MAX_REQUEST_BYTES);
    const operation = String(req.headers["x-amz-target"]).slice(CLOUDWATCH_TARGET_PREFIX.length);
    if (!CLOUDWATCH_OPERATIONS.includes(operation)) throw queryError("UnknownOperationException", "UnknownOperation", `Unknown operation: ${operation}`);
    const input = parseBody(req.headers["content-encoding"] === "gzip" ? gunzip(raw) : raw);
    const key = accessKeyId(req);
    const namespace: Record<string, string> = typeof input.Namespace === "string" ? { "cloudwatch:namespace": input.Namespace } : {};
    const callerArn = await authorize(deps, { accessKeyId: key, action: `cloudwatch:${operation}`, resourceArn: undefined, context: () => namespace });
    const fault = deps.faults.take(operation);
    if (fault !== undefined && fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault?.error !== undefined) {
      throw faultError(fault.error, { operation, callerArn: callerArn ?? `arn:aws:sts::${deps.accountId}:assumed-role/sagemaker-emulator-role/${key}` });
    }
    deps.metrics.record(putMetricData(input, Date.now()));
    sendJson(res, 200, {}, CLOUDWATCH_DIALECT.contentType);
  } catch (error) {
    const awsError = asAwsError(error);
    const queryCode = awsError instanceof QueryCompatibleError ? awsError.queryCode : awsError.code === "AccessDeniedException" ? "AccessDenied" : undefined;
    if (queryCode !== undefined) res.setHeader("x-amzn-query-error", `${queryCode};Sender`);
    sendError(res, awsError, CLOUDWATCH_DIALECT);
  }
}

/** An error with its awsQuery code (what `x-amzn-query-error` carries). */
class QueryCompatibleError extends AwsError {
  constructor(
    code: string,
    readonly queryCode: string,
    message: string,
  ) {
    super(code, message);
  }
}

function queryError(code: string, queryCode: string, message: string): QueryCompatibleError {
  return new QueryCompatibleError(code, queryCode, message);
}

function invalid(message: string): QueryCompatibleError {
  return queryError("InvalidParameterValueException", "InvalidParameterValue", message);
}

function gunzip(raw: Buffer): Buffer {
  try {
    return gunzipSync(raw);
  } catch {
    throw invalid("The request body is not valid gzip.");
  }
}

function parseBody(raw: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new AwsError("SerializationException", "Request body must be a JSON object");
}

/** The datums of a PutMetricData input, checked as CloudWatch checks them. */
function putMetricData(input: Record<string, unknown>, now: number): ReceivedDatum[] {
  const { Namespace: namespace, MetricData: data } = input;
  if (typeof namespace !== "string" || namespace.length === 0) {
    throw queryError("MissingRequiredParameterException", "MissingParameter", "The parameter Namespace is required.");
  }
  if (namespace.startsWith("AWS/") || namespace.length > 255) throw invalid(`The value ${namespace} for parameter Namespace is invalid.`);
  if (!Array.isArray(data) || data.length === 0) {
    throw queryError("MissingRequiredParameterException", "MissingParameter", "The parameter MetricData is required.");
  }
  if (data.length > MAX_DATUMS) throw invalid(`The collection MetricData must not have a size greater than ${MAX_DATUMS}.`);
  return data.map((datum: Record<string, unknown>, index) => toDatum(namespace, datum, index + 1, now));
}

function toDatum(namespace: string, datum: Record<string, unknown>, member: number, now: number): ReceivedDatum {
  const where = `MetricData.member.${member}`;
  const { MetricName, Dimensions = [], Timestamp, Unit, Value, Values, Counts, StatisticValues } = datum;
  if (typeof MetricName !== "string" || MetricName === "") throw invalid(`The parameter ${where}.MetricName is required.`);
  if (!Array.isArray(Dimensions) || Dimensions.length > MAX_DIMENSIONS) {
    throw invalid(`The collection ${where}.Dimensions must not have a size greater than ${MAX_DIMENSIONS}.`);
  }
  const dimensions: Record<string, string> = {};
  for (const { Name, Value: value } of Dimensions as Record<string, unknown>[]) {
    if (typeof Name !== "string" || Name === "" || typeof value !== "string" || value === "" || value.length > 1024) {
      throw invalid(`The dimensions of ${where} must have a name and a value of 1-1024 characters.`);
    }
    dimensions[Name] = value;
  }
  if (Array.isArray(Values) && (Values.length > MAX_VALUES || (Array.isArray(Counts) && Counts.length !== Values.length))) {
    throw invalid(`${where}: at most ${MAX_VALUES} Values, and as many Counts as Values.`);
  }
  const received: ReceivedDatum = {
    namespace,
    metricName: MetricName,
    dimensions,
    timestamp: new Date(typeof Timestamp === "number" ? Timestamp * 1000 : now).toISOString(),
  };
  if (typeof Unit === "string") received.unit = Unit;
  if (typeof Value === "number") received.value = Value;
  if (Array.isArray(Values)) received.values = Values as number[];
  if (Array.isArray(Counts)) received.counts = Counts as number[];
  if (typeof StatisticValues === "object" && StatisticValues !== null) received.statisticValues = StatisticValues as ReceivedDatum["statisticValues"];
  if (received.value === undefined && received.values === undefined && received.statisticValues === undefined) {
    throw invalid(`${where} needs a Value, Values or StatisticValues.`);
  }
  return received;
}
