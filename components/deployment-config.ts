import * as aws from "@pulumi/aws";
import { BlueGreenDeployment } from "./settings";

/**
 * The endpoint's blue/green `deploymentConfig`: traffic shifting per the settings, and auto-rollback on the
 * given CloudWatch alarms (none: no auto-rollback).
 */
export function endpointDeploymentConfig(
  deployment: BlueGreenDeployment,
  rollbackAlarmNames: string[],
): aws.types.input.sagemaker.EndpointDeploymentConfig {
  const step = deployment.trafficPercent === undefined ? undefined : { type: "CAPACITY_PERCENT", value: deployment.trafficPercent };
  return {
    blueGreenUpdatePolicy: {
      trafficRoutingConfiguration: {
        type: deployment.trafficRouting,
        waitIntervalInSeconds: deployment.waitIntervalInSeconds,
        canarySize: deployment.trafficRouting === "CANARY" ? step : undefined,
        linearStepSize: deployment.trafficRouting === "LINEAR" ? step : undefined,
      },
      terminationWaitInSeconds: deployment.terminationWaitInSeconds,
      maximumExecutionTimeoutInSeconds: deployment.maximumExecutionTimeoutInSeconds,
    },
    autoRollbackConfiguration:
      rollbackAlarmNames.length > 0 ? { alarms: rollbackAlarmNames.map((alarmName) => ({ alarmName })) } : undefined,
  };
}
