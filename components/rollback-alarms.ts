import * as aws from "@pulumi/aws";
import { VARIANT_NAME } from "./production-variant";
import { RollbackAlarms, Tags } from "./settings";

/** One CloudWatch alarm to create: a short id for the resource name, and its arguments. */
export interface AlarmSpec {
  /** Suffix of the Pulumi resource name. */
  id: string;
  /** The alarm's arguments; `name` is one of {@link rollbackAlarmNames}. */
  args: aws.cloudwatch.MetricAlarmArgs & { name: string };
}

/**
 * The names of the rollback alarms: a function of the endpoint name only, never of the thresholds, so a
 * threshold change updates the alarms in place (the provider replaces an alarm only when its name changes)
 * and leaves the endpoint's auto-rollback configuration, which names them, exactly as it was.
 */
export function rollbackAlarmNames(endpointName: string): { errors: string; latency: string } {
  return { errors: `${endpointName}-invocation-5xx-errors`, latency: `${endpointName}-model-latency` };
}

/**
 * The alarms that roll a blue/green deployment back: server errors (`Invocation5XXErrors`, Sum per minute)
 * and model latency (`ModelLatency`, average per minute, in microseconds) on the endpoint's variant.
 */
export function rollbackAlarmSpecs(endpointName: string, thresholds: RollbackAlarms, tags: Tags): AlarmSpec[] {
  const names = rollbackAlarmNames(endpointName);
  const metric = {
    namespace: "AWS/SageMaker",
    dimensions: { EndpointName: endpointName, VariantName: VARIANT_NAME },
    period: 60,
    treatMissingData: "notBreaching",
    tags,
  };
  return [
    {
      id: "errors",
      args: {
        ...metric,
        name: names.errors,
        alarmDescription: `Rolls back a deployment of ${endpointName} when the model returns 5xx errors`,
        metricName: "Invocation5XXErrors",
        statistic: "Sum",
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: thresholds.errorThreshold,
        evaluationPeriods: 1,
      },
    },
    {
      id: "latency",
      args: {
        ...metric,
        name: names.latency,
        alarmDescription: `Rolls back a deployment of ${endpointName} when model latency stays above ${thresholds.latencyThresholdMs} ms`,
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
