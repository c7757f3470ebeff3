/**
 * What the server reports about its deployment besides responses: the deployment context bound to every
 * log line, and (when `METRICS_NAMESPACE` is set) the per-deployment metrics published to CloudWatch.
 * Invocations and the tag reader call it; it never does I/O on their path.
 */
import type { Settings } from "./config";
import { DeploymentContext } from "./deployment-context";
import { LogBinding, type Logger } from "./log";
import type { InvocationSample } from "./metrics/aggregate";
import { createCloudWatchSink } from "./metrics/cloudwatch-sink";
import { MetricsPublisher, type MetricSink, type PublisherStats } from "./metrics/publisher";
import type { TagState } from "./tags/tag-provider";

/** Milliseconds a drain gives the last publication. */
export const METRICS_FLUSH_MS = 3_000;

/** The server's telemetry. */
export interface Telemetry {
  /** The server's logger, bound to the deployment context. */
  readonly log: Logger;
  /** The deployment context (fields and dimensions). */
  readonly deployment: DeploymentContext;
  /** Notes the tag state an invocation saw (rebinds only when it changed). */
  observe(state: TagState): void;
  /** Counts one answered invocation (no-op when metrics are off). */
  invocation(sample: Omit<InvocationSample, "tagStatus">): void;
  /** Counts one control-plane request of the tag reader (no-op when metrics are off). */
  controlPlaneCall(failed: boolean): void;
  /** Starts the publication timer. */
  start(): void;
  /** Publishes what is left (at most `METRICS_FLUSH_MS`) and releases the client; null when metrics are off. */
  close(): Promise<PublisherStats | null>;
}

/** Telemetry for `settings`; `sink` replaces PutMetricData (tests). */
export function createTelemetry(settings: Settings, rootLog: Logger, sink?: MetricSink): Telemetry {
  const binding = new LogBinding();
  const log = rootLog.bound(binding);
  const { metrics } = settings;
  const deployment = new DeploymentContext(
    {
      endpointName: settings.endpointName,
      variantName: settings.variantName,
      exposedTagKeys: settings.exposedTagKeys,
      dimensionNames: metrics?.dimensions ?? [],
    },
    binding,
  );
  const observe = (state: TagState) => deployment.observe(state);
  if (metrics === null) {
    return { log, deployment, observe, invocation: () => undefined, controlPlaneCall: () => undefined, start: () => undefined, close: () => Promise.resolve(null) };
  }
  const cloudWatch = sink === undefined ? createCloudWatchSink(metrics) : { sink, destroy: () => undefined };
  const publisher = new MetricsPublisher({ intervalMs: metrics.intervalMs, sink: cloudWatch.sink, log });
  return {
    log,
    deployment,
    observe,
    invocation: (sample) => publisher.recordInvocation(deployment.dimensions(), { ...sample, tagStatus: deployment.tagStatus() }),
    controlPlaneCall: (failed) => publisher.recordControlPlaneCall(deployment.processDimensions(), failed),
    start: () => publisher.start(),
    close: async () => {
      const stats = await publisher.close(METRICS_FLUSH_MS);
      cloudWatch.destroy();
      return stats;
    },
  };
}
