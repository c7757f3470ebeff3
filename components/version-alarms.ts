import type { AlarmSpec } from "./rollback-alarms";
import { DEPLOYMENT_METRICS, METRICS_NAMESPACE } from "./deployment-metrics";
import { VARIANT_NAME } from "./production-variant";
import { RollbackAlarms, Tags } from "./settings";

/**
 * Alarms on the deploying model version's own metrics (the container's `Invocation5XXErrors` and p99
 * `Latency` with `ModelVersion` = the version being deployed), with the rollback alarms' thresholds:
 * during a canary the new version's errors are not diluted in the variant's totals. Names are stable
 * (no version in them): a new version or threshold updates the alarms in place. They are not in the
 * endpoint's auto-rollback list, which would change (and so replace) existing endpoints.
 */
export function versionAlarmSpecs(endpointName: string, modelVersion: string, thresholds: RollbackAlarms, tags: Tags): AlarmSpec[] {
  const metric = {
    namespace: METRICS_NAMESPACE,
    dimensions: { EndpointName: endpointName, VariantName: VARIANT_NAME, ModelVersion: modelVersion },
    period: 60,
    treatMissingData: "notBreaching",
    tags,
  };
  return [
    {
      id: "version-errors",
      args: {
        ...metric,
        name: `${endpointName}-version-5xx-errors`,
        alarmDescription: `5xx errors of the deploying model version (tag ModelVersion) on ${endpointName}`,
        metricName: DEPLOYMENT_METRICS.errors5xx,
        statistic: "Sum",
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: thresholds.errorThreshold,
        evaluationPeriods: 1,
      },
    },
    {
      id: "version-latency",
      args: {
        ...metric,
        name: `${endpointName}-version-latency-p99`,
        alarmDescription: `p99 latency of the deploying model version (tag ModelVersion) on ${endpointName} above ${thresholds.latencyThresholdMs} ms`,
        metricName: DEPLOYMENT_METRICS.latency,
        extendedStatistic: "p99",
        comparisonOperator: "GreaterThanThreshold",
        threshold: thresholds.latencyThresholdMs,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      },
    },
  ];
}
