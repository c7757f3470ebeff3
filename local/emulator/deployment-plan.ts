/**
 * A blue/green deployment's plan, from the endpoint's DeploymentConfig as SageMaker reads it: the traffic
 * steps of the new fleet (ALL_AT_ONCE: 100; CANARY p: p, 100; LINEAR p: p, 2p, ... 100), the baking wait
 * after each step (`WaitIntervalInSeconds`) and how long the old fleet lingers without traffic after
 * the switch (`TerminationWaitInSeconds`). Without a blue/green policy SageMaker's default update is
 * all at once with no baking. `CanarySize`/`LinearStepSize` of type INSTANCE_COUNT count instances of
 * the new fleet's first variant.
 */
import type { JsonObject } from "./constraints";

/** What the deployment runner follows. */
export interface DeploymentPlan {
  /** The new fleet's share of traffic, in percent, at each step; the last is 100. */
  trafficSteps: number[];
  /** Seconds of baking after each traffic step (alarms are watched). */
  waitIntervalSeconds: number;
  /** Seconds the old fleet is kept after the switch, serving nothing. */
  terminationWaitSeconds: number;
  /** Whether CloudWatch alarms may roll the deployment back. */
  autoRollback: boolean;
}

function object(value: unknown): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function number(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** The step size in percent of a `CapacitySize` (`{Type, Value}`), for a fleet of `instances`. */
function stepPercent(size: JsonObject | undefined, instances: number): number {
  const value = number(size?.Value, 100);
  const percent = size?.Type === "INSTANCE_COUNT" ? (100 * value) / Math.max(1, instances) : value;
  return Math.min(100, Math.max(1, Math.round(percent)));
}

/** The plan for a deployment with `deploymentConfig` (undefined: SageMaker's default update) onto `variants`. */
export function deploymentPlan(deploymentConfig: JsonObject | undefined, variants: JsonObject[]): DeploymentPlan {
  const policy = object(deploymentConfig?.BlueGreenUpdatePolicy);
  const routing = object(policy?.TrafficRoutingConfiguration);
  const autoRollback = Array.isArray(object(deploymentConfig?.AutoRollbackConfiguration)?.Alarms);
  if (routing === undefined) {
    return { trafficSteps: [100], waitIntervalSeconds: 0, terminationWaitSeconds: number(policy?.TerminationWaitInSeconds, 0), autoRollback };
  }
  const instances = number(variants[0]?.InitialInstanceCount, 1);
  let trafficSteps = [100];
  if (routing.Type === "CANARY") trafficSteps = [stepPercent(object(routing.CanarySize), instances), 100];
  if (routing.Type === "LINEAR") {
    const step = stepPercent(object(routing.LinearStepSize), instances);
    trafficSteps = [];
    for (let share = step; share < 100; share += step) trafficSteps.push(share);
    trafficSteps.push(100);
  }
  return {
    trafficSteps: [...new Set(trafficSteps)],
    waitIntervalSeconds: number(routing.WaitIntervalInSeconds, 0),
    terminationWaitSeconds: number(policy?.TerminationWaitInSeconds, 0),
    autoRollback,
  };
}
