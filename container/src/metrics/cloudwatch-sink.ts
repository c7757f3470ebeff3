/**
 * The metric sink over `cloudwatch:PutMetricData` (the AWS SDK's CloudWatch client; the SDK gzips
 * requests over 10 kB). One attempt per call: the publisher owns retries and their backoff. Short
 * timeouts, so a hung CloudWatch holds a publication, never an invocation.
 */
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { MetricsSettings } from "../config";
import type { MetricSink } from "./publisher";

/** Milliseconds to connect to CloudWatch. */
export const CONNECTION_TIMEOUT_MS = 2_000;

/** Milliseconds for one PutMetricData request and its response. */
export const REQUEST_TIMEOUT_MS = 5_000;

/** A sink publishing to `settings.namespace`, and a function releasing its client. */
export function createCloudWatchSink(settings: MetricsSettings): { sink: MetricSink; destroy: () => void } {
  const client = new CloudWatchClient({
    region: settings.region,
    maxAttempts: 1,
    ...(settings.endpointUrl === null ? {} : { endpoint: settings.endpointUrl }),
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  return {
    sink: async (data, signal) => {
      await client.send(new PutMetricDataCommand({ Namespace: settings.namespace, MetricData: data }), { abortSignal: signal });
    },
    destroy: () => client.destroy(),
  };
}
