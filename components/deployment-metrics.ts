/**
 * The per-deployment metrics the container publishes (`cloudwatch:PutMetricData`): their namespace and
 * names, as the dashboard and alarms refer to them. The container owns the publishing; these names must
 * match `container/src/metrics/metric-data.ts` (tests/unit/observability.test.ts checks them against a
 * real publication in local mode's emulator).
 */

/** The CloudWatch namespace of the container's metrics (the Model's `METRICS_NAMESPACE`). */
export const METRICS_NAMESPACE = "SageMakerTaggedEndpoints";

/** The dimensions of the per-version metrics (the container's default `METRIC_DIMENSIONS`). */
export const VERSION_DIMENSIONS = ["EndpointName", "VariantName", "ModelVersion"] as const;

/** The tag the per-version dimension is read from. */
export const MODEL_VERSION_TAG = "ModelVersion";

/** Metric names the container publishes per version, and per process (control-plane calls). */
export const DEPLOYMENT_METRICS = {
  invocations: "Invocations",
  errors4xx: "Invocation4XXErrors",
  errors5xx: "Invocation5XXErrors",
  latency: "Latency",
  tagsFresh: "TagsFresh",
  tagsStale: "TagsStale",
  tagsUnavailable: "TagsUnavailable",
  controlPlaneCalls: "ControlPlaneCalls",
  controlPlaneErrors: "ControlPlaneErrors",
  dropped: "MetricsDropped",
} as const;
