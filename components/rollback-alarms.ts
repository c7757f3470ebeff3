import * as aws from "@pulumi/aws";
import type { AlarmTarget } from "./alarm-targets";
import { RollbackAlarms, Tags } from "./settings";

/** One CloudWatch alarm to create: a short id for the resource name, and its arguments. */
export interface AlarmSpec {
  /** Suffix of the Pulumi resource name (the target's `idSuffix` included). */
  id: string;
  /** The alarm's arguments, with its name. */
  args: aws.cloudwatch.MetricAlarmArgs & { name: string };
}

/**
 * The names of one variant's rollback alarms: a function of the endpoint and variant names only, never of
 * the thresholds, so a threshold change updates the alarms in place (the provider replaces an alarm only
 * when its name changes) and leaves the endpoint's auto-rollback configuration, which names them, exactly
 * as it was. A single variant's are `<endpoint>-invocation-5xx-errors` and `<endpoint>-model-latency`.
 */
export function rollbackAlarmNames(target: AlarmTarget): { errors: string; latency: string } {
  return { errors: `${target.namePrefix}-invocation-5xx-errors`, latency: `${target.namePrefix}-model-latency` };
}

/**
 * The alarms that roll a blue/green deployment back, on one variant: server errors (`Invocation5XXErrors`,
 * Sum per minute) and model latency (`ModelLatency`, average per minute, in microseconds). Their number per
 * variant is `ROLLBACK_ALARMS_PER_VARIANT` of the settings, which bounds the variants of an auto-rollback
 * stack.
 */
export function rollbackAlarmSpecs(target: AlarmTarget, thresholds: RollbackAlarms, tags: Tags): AlarmSpec[] {
  const { endpointName, variantName, idSuffix, subject } = target;
  const names = rollbackAlarmNames(target);
  const metric = {
    namespace: "AWS/SageMaker",
    dimensions: { EndpointName: endpointName, VariantName: variantName },
    period: 60,
    treatMissingData: "notBreaching",
    tags,
  };
  return [
    {
      id: `errors${idSuffix}`,
      args: {
        ...metric,
        name: names.errors,
        alarmDescription: `Rolls back a deployment of ${subject} when the model returns 5xx errors`,
        metricName: "Invocation5XXErrors",
        statistic: "Sum",
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: thresholds.errorThreshold,
        evaluationPeriods: 1,
      },
    },
    {
      id: `latency${idSuffix}`,
      args: {
        ...metric,
        name: names.latency,
        alarmDescription: `Rolls back a deployment of ${subject} when model latency stays above ${thresholds.latencyThresholdMs} ms`,
        metricName: "ModelLatency",
        statistic: "Average",
        comparisonOperator: "GreaterThanThreshold",
        threshold: thresholds.latencyThresholdMs * 1000,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      },
    },
  ];
}
