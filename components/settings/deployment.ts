import { ConfigPath, readBoolean, readChoice, readInteger, readJson, readObject } from "./values";

/** How SageMaker shifts traffic from the old fleet to the new one during a blue/green update. */
type TrafficRouting = "ALL_AT_ONCE" | "CANARY" | "LINEAR";

const TRAFFIC_ROUTINGS: readonly TrafficRouting[] = ["ALL_AT_ONCE", "CANARY", "LINEAR"];
/** Allowed traffic step sizes, in percent of the variant's capacity (SageMaker TrafficRoutingConfig). */
const TRAFFIC_PERCENT: Record<Exclude<TrafficRouting, "ALL_AT_ONCE">, { min: number; max: number }> = {
  CANARY: { min: 1, max: 50 },
  LINEAR: { min: 10, max: 50 },
};

/** The CloudWatch alarms that roll a deployment back (config `deployment.autoRollback`). */
export interface RollbackAlarms {
  /** `Invocation5XXErrors` per minute (Sum) at or above which the deployment rolls back, >= 1 (default 1). */
  errorThreshold: number;
  /** Average `ModelLatency` per minute, in ms, above which the deployment rolls back, >= 1 (default 1000). */
  latencyThresholdMs: number;
}

/**
 * Blue/green update policy of the endpoint (config `deployment`; instance variants only). The default `{}`
 * sets none (SageMaker's default update); setting `trafficRouting` turns blue/green on.
 */
export interface BlueGreenDeployment {
  /** Traffic shifting (required to enable blue/green). */
  trafficRouting: TrafficRouting;
  /** CANARY: canary size, 1..50; LINEAR: step size, 10..50; in percent of capacity (required for both). */
  trafficPercent?: number;
  /** Seconds between traffic steps, 0..3600 (default 300). */
  waitIntervalInSeconds: number;
  /** Seconds the old fleet is kept after the shift, 0..3600 (default 0). */
  terminationWaitInSeconds: number;
  /**
   * Deployment timeout, 600..14400 and above the two waits together (default: SageMaker's). The API allows up
   * to 28800, but the provider validates 600..14400 (see {@link MAX_EXECUTION_TIMEOUT_SECONDS}).
   */
  maximumExecutionTimeoutInSeconds?: number;
  /** Alarms that roll the deployment back (default: enabled with the default thresholds; `false` disables). */
  autoRollback?: RollbackAlarms;
}

/**
 * Bounds of `maximumExecutionTimeoutInSeconds`. The SageMaker API model allows 600..28800
 * (BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds), but terraform-provider-aws, which @pulumi/aws
 * bridges, validates `validation.IntBetween(600, 14400)` (internal/service/sagemaker/endpoint.go,
 * deployment_config.blue_green_update_policy.maximum_execution_timeout_in_seconds) and fails `pulumi up`
 * above it; the program follows the provider.
 */
const MAX_EXECUTION_TIMEOUT_SECONDS = { min: 600, max: 14400 };

/**
 * The most alarms an endpoint's auto-rollback configuration takes: SageMaker's AutoRollbackConfig.Alarms
 * has 1 to 10 items (API reference), and terraform-provider-aws, which @pulumi/aws bridges, validates
 * `MaxItems: 10` (internal/service/sagemaker/endpoint.go, deployment_config.auto_rollback_configuration.alarms).
 */
export const MAX_ROLLBACK_ALARMS = 10;

/** The rollback alarms of each variant (5xx errors and model latency; components/rollback-alarms.ts). */
export const ROLLBACK_ALARMS_PER_VARIANT = 2;

const DEFAULT_ROLLBACK: RollbackAlarms = { errorThreshold: 1, latencyThresholdMs: 1000 };

/** Reads config `deployment` (unset or `{}`: no deployment config, SageMaker's default update). */
export function parseDeployment(path: ConfigPath, text: string | undefined): BlueGreenDeployment | undefined {
  if (text === undefined) return undefined;
  const fields = readObject(path, readJson(path, text), [
    "trafficRouting",
    "trafficPercent",
    "waitIntervalInSeconds",
    "terminationWaitInSeconds",
    "maximumExecutionTimeoutInSeconds",
    "autoRollback",
  ]);
  if (Object.keys(fields).length === 0) return undefined;
  const routingPath = path.field("trafficRouting");
  if (fields.trafficRouting === undefined) {
    throw routingPath.error(`is required to enable blue/green deployment (${TRAFFIC_ROUTINGS.join(", ")})`);
  }
  const trafficRouting = readChoice(routingPath, fields.trafficRouting, TRAFFIC_ROUTINGS);
  const waitIntervalInSeconds = readInteger(path.field("waitIntervalInSeconds"), fields.waitIntervalInSeconds ?? 300, {
    min: 0,
    max: 3600,
  });
  const terminationWaitInSeconds = readInteger(
    path.field("terminationWaitInSeconds"),
    fields.terminationWaitInSeconds ?? 0,
    { min: 0, max: 3600 },
  );
  const deployment: BlueGreenDeployment = { trafficRouting, waitIntervalInSeconds, terminationWaitInSeconds };
  const percentPath = path.field("trafficPercent");
  if (trafficRouting === "ALL_AT_ONCE") {
    if (fields.trafficPercent !== undefined) {
      throw percentPath.error("only applies to CANARY or LINEAR traffic routing");
    }
  } else {
    if (fields.trafficPercent === undefined) {
      throw percentPath.error(`is required for ${trafficRouting} traffic routing`);
    }
    deployment.trafficPercent = readInteger(percentPath, fields.trafficPercent, TRAFFIC_PERCENT[trafficRouting]);
  }
  if (fields.maximumExecutionTimeoutInSeconds !== undefined) {
    const timeoutPath = path.field("maximumExecutionTimeoutInSeconds");
    const timeout = readInteger(timeoutPath, fields.maximumExecutionTimeoutInSeconds, MAX_EXECUTION_TIMEOUT_SECONDS);
    const waits = waitIntervalInSeconds + terminationWaitInSeconds;
    if (timeout <= waits) {
      throw timeoutPath.error(`must exceed waitIntervalInSeconds + terminationWaitInSeconds (${waits}), got ${timeout}`);
    }
    deployment.maximumExecutionTimeoutInSeconds = timeout;
  }
  const rollback = parseRollback(path.field("autoRollback"), fields.autoRollback);
  if (rollback) deployment.autoRollback = rollback;
  return deployment;
}

function parseRollback(path: ConfigPath, value: unknown): RollbackAlarms | undefined {
  if (value === undefined) return DEFAULT_ROLLBACK;
  if (typeof value !== "object" || value === null) {
    return readBoolean(path, value) ? DEFAULT_ROLLBACK : undefined;
  }
  const fields = readObject(path, value, ["errorThreshold", "latencyThresholdMs"]);
  return {
    errorThreshold: readInteger(path.field("errorThreshold"), fields.errorThreshold ?? DEFAULT_ROLLBACK.errorThreshold, {
      min: 1,
    }),
    latencyThresholdMs: readInteger(
      path.field("latencyThresholdMs"),
      fields.latencyThresholdMs ?? DEFAULT_ROLLBACK.latencyThresholdMs,
      { min: 1 },
    ),
  };
}
