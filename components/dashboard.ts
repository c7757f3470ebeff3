import { DEPLOYMENT_METRICS as M, METRICS_NAMESPACE, VERSION_DIMENSIONS } from "./deployment-metrics";

/** One widget of a CloudWatch dashboard body (the subset this program uses). */
export interface DashboardWidget {
  /** Always a metric graph here. */
  type: "metric";
  /** Column (0-23). */
  x: number;
  /** Row. */
  y: number;
  /** Columns wide. */
  width: number;
  /** Rows high. */
  height: number;
  /** Graph settings: title, region, period, statistic and the metrics or expressions. */
  properties: Record<string, unknown>;
}

/** What the dashboard shows. */
export interface DashboardTarget {
  /** The endpoint's name. */
  endpointName: string;
  /** Its region. */
  region: string;
  /** Its production variants' names, in config order (one line each in the per-variant graphs). */
  variantNames: readonly string[];
}

const WIDTH = 8;
const HEIGHT = 6;

/**
 * The body of the stack's dashboard, three rows side by side: SageMaker's built-in endpoint metrics
 * (`AWS/SageMaker` Invocations, Invocation5XXErrors and 4XX, ModelLatency per EndpointName/VariantName, one
 * line per variant, labelled with its name when there are several), the container's per-version metrics
 * (one line per VariantName and ModelVersion, found with SEARCH, so a new version shows without a dashboard
 * change), then tag freshness, control-plane calls and errors (per variant), and dropped metric data.
 */
export function dashboardBody(target: DashboardTarget): { widgets: DashboardWidget[] } {
  const { endpointName, region, variantNames } = target;
  // One metric line per variant; the label only with several (a one-variant dashboard stays as it was).
  const perVariant = (namespace: string, name: string) =>
    variantNames.map((variant) => [
      namespace,
      name,
      "EndpointName",
      endpointName,
      "VariantName",
      variant,
      ...(variantNames.length > 1 ? [{ label: `${variant} ${name}` }] : []),
    ]);
  const builtIn = (name: string) => perVariant("AWS/SageMaker", name);
  const perProcess = (name: string) => perVariant(METRICS_NAMESPACE, name);
  const perVersion = (metric: string, stat: string, id: string) => [
    {
      id,
      expression: `SEARCH('{${METRICS_NAMESPACE},${VERSION_DIMENSIONS.join(",")}} MetricName="${metric}" EndpointName="${endpointName}"', '${stat}', 60)`,
      label: "",
    },
  ];
  const graph = (x: number, y: number, title: string, stat: string, metrics: unknown[]): DashboardWidget => ({
    type: "metric",
    x,
    y,
    width: WIDTH,
    height: HEIGHT,
    properties: { title, region, view: "timeSeries", stacked: false, period: 60, stat, metrics },
  });
  return {
    widgets: [
      graph(0, 0, "Invocations (SageMaker, per variant)", "Sum", builtIn("Invocations")),
      graph(8, 0, "Errors (SageMaker, per variant)", "Sum", [...builtIn("Invocation5XXErrors"), ...builtIn("Invocation4XXErrors")]),
      graph(16, 0, "ModelLatency p99, microseconds (SageMaker, per variant)", "p99", builtIn("ModelLatency")),
      graph(0, 6, "Invocations per model version", "Sum", perVersion(M.invocations, "Sum", "invocations")),
      graph(8, 6, "5XX errors per model version", "Sum", [
        ...perVersion(M.errors5xx, "Sum", "errors5xx"),
        ...perVersion(M.errors4xx, "Sum", "errors4xx"),
      ]),
      graph(16, 6, "Latency p99, ms, per model version", "p99", perVersion(M.latency, "p99", "latency")),
      graph(0, 12, "Tag freshness (invocations by tag status)", "Sum", [
        ...perVersion(M.tagsFresh, "Sum", "fresh"),
        ...perVersion(M.tagsStale, "Sum", "stale"),
        ...perVersion(M.tagsUnavailable, "Sum", "unavailable"),
      ]),
      graph(8, 12, "Control-plane calls and errors (tag reads)", "Sum", [...perProcess(M.controlPlaneCalls), ...perProcess(M.controlPlaneErrors)]),
      graph(16, 12, "Metric data dropped by the containers", "Sum", [[METRICS_NAMESPACE, M.dropped]]),
    ],
  };
}
