/**
 * The SageMaker control-plane client the tag reader uses. Retries are the SDK's standard strategy
 * (3 attempts with exponential backoff and jitter; throttling errors back off from 500 ms;
 * `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE` override it). Short connection and request timeouts keep a
 * hung control plane from holding a refresh (invocations never wait for one once tags have loaded).
 */
import { SageMakerClient } from "@aws-sdk/client-sagemaker";

/** Milliseconds to establish a connection to the control plane. */
export const CONNECTION_TIMEOUT_MS = 2_000;

/** Milliseconds for one control-plane request and its response. */
export const REQUEST_TIMEOUT_MS = 5_000;

/** A client for `region`; `endpointUrl` overrides the AWS endpoint (local mode and tests). */
export function createSageMakerClient(region: string, endpointUrl: string | null): SageMakerClient {
  return new SageMakerClient({
    region,
    ...(endpointUrl === null ? {} : { endpoint: endpointUrl }),
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
}
