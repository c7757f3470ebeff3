import * as aws from "@pulumi/aws";
import { VARIANT_NAME } from "./production-variant";
import { RollbackAlarms, Tags } from "./settings";

/** One CloudWatch alarm to create: a short id for the resource name, and its arguments. */
export interface AlarmSpec {
  /** Suffix of the Pulumi resource name. */
  id: string;
  /** The alarm's arguments. */
  args: aws.cloudwatch.MetricAlarmArgs;
}

/**
 * The alarms that roll a blue/green deployment back: server errors (`Invocation5XXErrors`, Sum per minute)
 * and model latency (`ModelLatency`, average per minute, in microseconds) on the endpoint's variant.
 */
export function rollbackAlarmSpecs(endpointName: string, thresholds: RollbackAlarms, tags: Tags): AlarmSpec[] {
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
        name: `${endpointName}-invocation-5xx-errors`,
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
        name: `${endpointName}-model-latency`,
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
