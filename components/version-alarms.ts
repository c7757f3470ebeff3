import type { AlarmTarget } from "./alarm-targets";
import type { AlarmSpec } from "./rollback-alarms";
import { DEPLOYMENT_METRICS, METRICS_NAMESPACE } from "./deployment-metrics";
import { RollbackAlarms, Tags } from "./settings";

/**
 * Alarms on one variant's deploying model version, from the container's own metrics
 * (`Invocation5XXErrors` and p99 `Latency` with `VariantName` = the variant, which its container publishes
 * under, and `ModelVersion` = that variant's version), with the rollback alarms' thresholds: during a
 * canary the new version's errors are not diluted in the variant's totals. Names are stable (no version in
 * them; a single variant's are `<endpoint>-version-5xx-errors` and `<endpoint>-version-latency-p99`): a new
 * version or threshold updates the alarms in place. They are not in the endpoint's auto-rollback list.
 */
export function versionAlarmSpecs(target: AlarmTarget, modelVersion: string, thresholds: RollbackAlarms, tags: Tags): AlarmSpec[] {
  const { endpointName, variantName, namePrefix, idSuffix, subject } = target;
  const metric = {
    namespace: METRICS_NAMESPACE,
    dimensions: { EndpointName: endpointName, VariantName: variantName, ModelVersion: modelVersion },
    period: 60,
    treatMissingData: "notBreaching",
    tags,
  };
  return [
    {
      id: `version-errors${idSuffix}`,
      args: {
        ...metric,
        name: `${namePrefix}-version-5xx-errors`,
        alarmDescription: `5xx errors of the deploying model version (tag ModelVersion) on ${subject}`,
        metricName: DEPLOYMENT_METRICS.errors5xx,
        statistic: "Sum",
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: thresholds.errorThreshold,
        evaluationPeriods: 1,
      },
    },
    {
      id: `version-latency${idSuffix}`,
      args: {
        ...metric,
        name: `${namePrefix}-version-latency-p99`,
        alarmDescription: `p99 latency of the deploying model version (tag ModelVersion) on ${subject} above ${thresholds.latencyThresholdMs} ms`,
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
