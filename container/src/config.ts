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
 * Which Model and EndpointConfig this container was launched from (its fleet), as the deployer injected
 * them. SageMaker tells a container neither; during a blue/green update DescribeEndpoint still names the
 * old config, so only these values identify a new (green) fleet.
 */
export interface FleetIdentity {
  /** The Model this fleet runs (`SAGEMAKER_MODEL_NAME`). */
  readonly modelName: string;
  /** The EndpointConfig that launched this fleet (`SAGEMAKER_ENDPOINT_CONFIG_NAME`). */
  readonly endpointConfigName: string;
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
   * The fleet's own Model and EndpointConfig (`SAGEMAKER_MODEL_NAME` and `SAGEMAKER_ENDPOINT_CONFIG_NAME`,
   * both or neither; default null: the tag reader falls back to asking DescribeEndpoint which config runs).
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
  /**
   * Server processes (`SAGEMAKER_MODEL_SERVER_WORKERS`, 1..256; default: the CPUs this process may use,
   * `os.availableParallelism()`). 1 serves in this process; more start that many workers on one port.
   */
  readonly workers: number;
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
  return {
    port: readPort(env),
    host: optional(env, "SAGEMAKER_BIND_TO_HOST") ?? "0.0.0.0",
    modelDir: optional(env, "SM_MODEL_DIR") ?? "/opt/ml/model",
    endpointName,
    fleet: readFleet(env),
    tagReading,
    tagCacheTtlSeconds: readTtl(env),
    exposedTagKeys: readKeyList(env, "EXPOSED_TAG_KEYS"),
    tagsRequired,
    sageMakerEndpointUrl: readUrl(env, "AWS_ENDPOINT_URL_SAGEMAKER"),
    logLevel: readLogLevel(env),
    workers: readWorkers(env, availableCpus),
  };
}

function optional(env: Environment, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function readFleet(env: Environment): FleetIdentity | null {
  const modelName = readResourceName(env, "SAGEMAKER_MODEL_NAME");
  const endpointConfigName = readResourceName(env, "SAGEMAKER_ENDPOINT_CONFIG_NAME");
  if (modelName === null && endpointConfigName === null) return null;
  if (modelName === null || endpointConfigName === null) {
    const [set, unset] = modelName === null ? ["SAGEMAKER_ENDPOINT_CONFIG_NAME", "SAGEMAKER_MODEL_NAME"] : ["SAGEMAKER_MODEL_NAME", "SAGEMAKER_ENDPOINT_CONFIG_NAME"];
    throw new ConfigError(`${set} is set but ${unset} is not; the fleet identity needs both (or neither)`);
  }
  return { modelName, endpointConfigName };
}

/** A SageMaker model or endpoint-config name (same pattern as endpoint names), or null when unset. */
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
