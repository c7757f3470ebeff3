/**
 * Container settings: the process environment (set in the Model's container `Environment` by the
 * deployer) turned into typed, validated values. Every problem is a one-line `ConfigError` that names
 * the variable and the rule it breaks.
 */
import { availableParallelism } from "node:os";
import { LOG_LEVELS, type LogLevel } from "./log";

/** The most server processes `SAGEMAKER_MODEL_SERVER_WORKERS` may ask for (above the 192 vCPUs of SageMaker's largest instances). */
export const MAX_WORKERS = 256;

/** A bad environment variable; the message is one line naming the variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Whether the container reads its endpoint's tags, and from where. */
export type TagReading =
  | {
      /** Tags are read from the control plane. */
      readonly enabled: true;
      /** The endpoint whose tags (and whose config's and model's tags) are read. */
      readonly endpointName: string;
      /** The AWS region of the endpoint. */
      readonly region: string;
    }
  | {
      /** Tags are not read; every response reports `tagsStatus: "unavailable"`. */
      readonly enabled: false;
      /** Why, in one line (e.g. which variable is missing). */
      readonly reason: string;
    };

/**
 * Which Model this container runs and as which production variant (its fleet identity), as the deployer
 * injected them. SageMaker tells a container neither; the EndpointConfig that launched the fleet is found
 * at run time as the endpoint's pending or current config that runs this Model as this variant (see
 * `tags/fleet-config.ts`).
 */
export interface FleetIdentity {
  /** The Model this fleet runs (`SAGEMAKER_MODEL_NAME`). */
  readonly modelName: string;
  /** The production variant it serves (`SAGEMAKER_VARIANT_NAME`). */
  readonly variantName: string;
}

/** Typed container settings. */
export interface Settings {
  /** TCP port to listen on (`SAGEMAKER_BIND_TO_PORT`, default 8080; 0 picks a free port). */
  readonly port: number;
  /** Address to listen on (`SAGEMAKER_BIND_TO_HOST`, default `0.0.0.0`). */
  readonly host: string;
  /** Directory holding the model artifacts (`SM_MODEL_DIR`, default `/opt/ml/model`). */
  readonly modelDir: string;
  /** The endpoint name reported in responses (`SAGEMAKER_ENDPOINT_NAME`, default null). */
  readonly endpointName: string | null;
  /**
   * The fleet's own Model and variant (`SAGEMAKER_MODEL_NAME` with `SAGEMAKER_VARIANT_NAME`; default null
   * when no model name is set: the tag reader falls back to asking DescribeEndpoint which config runs).
   */
  readonly fleet: FleetIdentity | null;
  /** Tag reading: enabled when both the endpoint name and `AWS_REGION` are set. */
  readonly tagReading: TagReading;
  /** Seconds a tag load stays fresh (`TAG_CACHE_TTL_SECONDS`, default 300; 0 = no cache). */
  readonly tagCacheTtlSeconds: number;
  /**
   * Tag keys callers may see in responses (`EXPOSED_TAG_KEYS`: comma-separated, items trimmed; or a JSON
   * array of strings, taken exactly, for keys with leading or trailing spaces; default none).
   */
  readonly exposedTagKeys: readonly string[];
  /** Hold `/ping` at 503 until tags first load, and fail invocations until then (`TAGS_REQUIRED`, default false). */
  readonly tagsRequired: boolean;
  /** Control-plane endpoint override (`AWS_ENDPOINT_URL_SAGEMAKER`, default null = the AWS endpoint). */
  readonly sageMakerEndpointUrl: string | null;
  /** Lowest log level written (`LOG_LEVEL`, default `info`; `debug` adds one line per invocation). */
  readonly logLevel: LogLevel;
  /** Fraction of invocations logged at `info` (`LOG_SAMPLE_RATE`, 0..1, default 0: none; `LOG_LEVEL=debug` logs all). */
  readonly logSampleRate: number;
  /** The production variant this container serves (`SAGEMAKER_VARIANT_NAME`, set by the deployer; default null). */
  readonly variantName: string | null;
  /** Per-deployment CloudWatch metrics; null (off) unless `METRICS_NAMESPACE` and `AWS_REGION` are set. */
  readonly metrics: MetricsSettings | null;
  /**
   * Server processes (`SAGEMAKER_MODEL_SERVER_WORKERS`, 1..256; default: the CPUs this process may use,
   * `os.availableParallelism()`). 1 serves in this process; more start that many workers on one port.
   */
  readonly workers: number;
}

/** Dimension names with a built-in value; any other dimension name is an exposed tag key. */
export const BUILT_IN_DIMENSIONS = ["EndpointName", "VariantName"] as const;

/** The default metric dimensions: SageMaker's own two plus the model version tag. */
export const DEFAULT_METRIC_DIMENSIONS: readonly string[] = ["EndpointName", "VariantName", "ModelVersion"];

/**
 * The most dimensions per metric. CloudWatch accepts 30 (raised from 10); 9 keeps every dimension set
 * within what older tools (EMF's former 9 per set) and alarms accept, and the metric count small.
 */
export const MAX_METRIC_DIMENSIONS = 9;

/** Where and how the container publishes its metrics (`cloudwatch:PutMetricData`). */
export interface MetricsSettings {
  /** CloudWatch namespace (`METRICS_NAMESPACE`; no default: unset turns metrics off; not `AWS/...`). */
  readonly namespace: string;
  /**
   * Dimension names (`METRIC_DIMENSIONS`, comma-separated, at most 9): `EndpointName`, `VariantName`, or a
   * key of `EXPOSED_TAG_KEYS`. Default `EndpointName,VariantName,ModelVersion` (`ModelVersion` only when exposed).
   */
  readonly dimensions: readonly string[];
  /** Milliseconds between publications (`METRICS_INTERVAL_SECONDS`, default 60, at least 0.05). */
  readonly intervalMs: number;
  /** The region published to (`AWS_REGION`). */
  readonly region: string;
  /** CloudWatch endpoint override (`AWS_ENDPOINT_URL_CLOUDWATCH`, default null = the AWS endpoint). */
  readonly endpointUrl: string | null;
}

/** An environment to read settings from (normally `process.env`). */
export type Environment = Readonly<Record<string, string | undefined>>;

const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * Reads and validates the settings; throws `ConfigError` on the first bad variable. `availableCpus`
 * (default `os.availableParallelism()`) is the default worker count.
 */
export function loadSettings(env: Environment, availableCpus = availableParallelism()): Settings {
  const endpointName = optional(env, "SAGEMAKER_ENDPOINT_NAME");
  if (endpointName !== null && !ENDPOINT_NAME.test(endpointName)) {
    throw new ConfigError(
      `SAGEMAKER_ENDPOINT_NAME "${endpointName}" is not a valid endpoint name (1-63 letters, digits and inner hyphens)`,
    );
  }
  const tagsRequired = readBoolean(env, "TAGS_REQUIRED", false);
  const tagReading = readTagReading(endpointName, optional(env, "AWS_REGION"));
  if (tagsRequired && !tagReading.enabled) {
    throw new ConfigError(`TAGS_REQUIRED is true but tags cannot be read: ${tagReading.reason}`);
  }
  const exposedTagKeys = readKeyList(env, "EXPOSED_TAG_KEYS");
  const variantName = optional(env, "SAGEMAKER_VARIANT_NAME");
  return {
    port: readPort(env),
    host: optional(env, "SAGEMAKER_BIND_TO_HOST") ?? "0.0.0.0",
    modelDir: optional(env, "SM_MODEL_DIR") ?? "/opt/ml/model",
    endpointName,
    fleet: readFleet(env, variantName),
    tagReading,
    tagCacheTtlSeconds: readTtl(env),
    exposedTagKeys,
    tagsRequired,
    sageMakerEndpointUrl: readUrl(env, "AWS_ENDPOINT_URL_SAGEMAKER"),
    logLevel: readLogLevel(env),
    logSampleRate: readFraction(env, "LOG_SAMPLE_RATE", 0),
    variantName,
    metrics: readMetrics(env, exposedTagKeys),
    workers: readWorkers(env, availableCpus),
  };
}

function optional(env: Environment, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function readFleet(env: Environment, variantName: string | null): FleetIdentity | null {
  const modelName = readResourceName(env, "SAGEMAKER_MODEL_NAME");
  if (modelName === null) return null;
  if (variantName === null) {
    throw new ConfigError("SAGEMAKER_MODEL_NAME is set but SAGEMAKER_VARIANT_NAME is not; the fleet identity is the model name with its variant name");
  }
  return { modelName, variantName };
}

/** A SageMaker model name (same pattern as endpoint names), or null when unset. */
function readResourceName(env: Environment, name: string): string | null {
  const value = optional(env, name);
  if (value !== null && !ENDPOINT_NAME.test(value)) {
    throw new ConfigError(`${name} "${value}" is not a valid SageMaker name (1-63 letters, digits and inner hyphens)`);
  }
  return value;
}

function readTagReading(endpointName: string | null, region: string | null): TagReading {
  if (endpointName !== null && region !== null) return { enabled: true, endpointName, region };
  const missing: string[] = [];
  if (endpointName === null) missing.push("SAGEMAKER_ENDPOINT_NAME");
  if (region === null) missing.push("AWS_REGION");
  return { enabled: false, reason: `${missing.join(" and ")} not set (the deployer sets them in the Model's environment)` };
}

function readPort(env: Environment): number {
  const raw = optional(env, "SAGEMAKER_BIND_TO_PORT");
  if (raw === null) return 8080;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigError(`SAGEMAKER_BIND_TO_PORT must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function readWorkers(env: Environment, availableCpus: number): number {
  const raw = optional(env, "SAGEMAKER_MODEL_SERVER_WORKERS");
  if (raw === null) return Math.min(Math.max(1, availableCpus), MAX_WORKERS);
  const workers = Number(raw);
  if (!/^\d+$/.test(raw) || workers < 1 || workers > MAX_WORKERS) {
    throw new ConfigError(`SAGEMAKER_MODEL_SERVER_WORKERS must be an integer from 1 to ${MAX_WORKERS}, got "${raw}"`);
  }
  return workers;
}

function readTtl(env: Environment): number {
  const raw = optional(env, "TAG_CACHE_TTL_SECONDS");
  if (raw === null) return 300;
  const ttl = Number(raw);
  if (!Number.isFinite(ttl) || ttl < 0) {
    throw new ConfigError(`TAG_CACHE_TTL_SECONDS must be a number >= 0 (0 disables the cache), got "${raw}"`);
  }
  return ttl;
}

function readBoolean(env: Environment, name: string, fallback: boolean): boolean {
  const raw = optional(env, name)?.toLowerCase() ?? null;
  if (raw === null) return fallback;
  if (raw === "true" || raw === "false") return raw === "true";
  throw new ConfigError(`${name} must be "true" or "false", got "${env[name]}"`);
}

function readKeyList(env: Environment, name: string): string[] {
  const raw = env[name] ?? "";
  const keys = raw.trim().startsWith("[") ? parseJsonKeys(raw, name) : raw.split(",").map((key) => key.trim());
  return [...new Set(keys.filter((key) => key !== ""))];
}

/** A JSON array of strings, taken exactly (tag keys may begin or end with spaces, which AWS keeps). */
function parseJsonKeys(raw: string, name: string): string[] {
  let keys: unknown;
  try {
    keys = JSON.parse(raw);
  } catch {
    keys = undefined;
  }
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === "string")) {
    throw new ConfigError(`${name} starts with "[" but is not a JSON array of strings: ${raw}`);
  }
  return keys;
}

function readUrl(env: Environment, name: string): string | null {
  const raw = optional(env, name);
  if (raw === null) return null;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw;
}

function readLogLevel(env: Environment): LogLevel {
  const raw = optional(env, "LOG_LEVEL")?.toLowerCase() ?? "info";
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (level === undefined) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${env.LOG_LEVEL}"`);
  return level;
}

function readFraction(env: Environment, name: string, fallback: number): number {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(`${name} must be a number from 0 to 1, got "${raw}"`);
  return value;
}

function readMetrics(env: Environment, exposedTagKeys: readonly string[]): MetricsSettings | null {
  const namespace = optional(env, "METRICS_NAMESPACE");
  const region = optional(env, "AWS_REGION");
  if (namespace === null || region === null) return null;
  if (namespace.startsWith("AWS/") || !/^[\x20-\x7e]{1,255}$/.test(namespace)) {
    throw new ConfigError(`METRICS_NAMESPACE must be 1-255 printable ASCII characters not starting with "AWS/", got "${namespace}"`);
  }
  const listed = optional(env, "METRIC_DIMENSIONS");
  const known = (name: string) => (BUILT_IN_DIMENSIONS as readonly string[]).includes(name) || exposedTagKeys.includes(name);
  const dimensions =
    listed === null ? DEFAULT_METRIC_DIMENSIONS.filter(known) : [...new Set(listed.split(",").map((name) => name.trim()).filter((name) => name !== ""))];
  if (dimensions.length === 0 || dimensions.length > MAX_METRIC_DIMENSIONS) {
    throw new ConfigError(`METRIC_DIMENSIONS must name 1 to ${MAX_METRIC_DIMENSIONS} dimensions, got ${dimensions.length}`);
  }
  const unknown = dimensions.filter((name) => !known(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `METRIC_DIMENSIONS names ${unknown.join(", ")}: a dimension is ${BUILT_IN_DIMENSIONS.join(" or ")} or a key of EXPOSED_TAG_KEYS`,
    );
  }
  const seconds = Number(optional(env, "METRICS_INTERVAL_SECONDS") ?? "60");
  if (!Number.isFinite(seconds) || seconds < 0.05) {
    throw new ConfigError(`METRICS_INTERVAL_SECONDS must be a number >= 0.05, got "${env.METRICS_INTERVAL_SECONDS}"`);
  }
  return { namespace, dimensions, intervalMs: seconds * 1000, region, endpointUrl: readUrl(env, "AWS_ENDPOINT_URL_CLOUDWATCH") };
}
