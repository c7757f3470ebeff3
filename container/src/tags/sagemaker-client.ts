/**
 * The SageMaker control-plane client the tag reader uses. Retries are the SDK's standard strategy
 * (3 attempts with exponential backoff and jitter; throttling errors back off from 500 ms;
 * `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE` override it). Short connection and request timeouts keep a
 * hung control plane from holding a refresh (invocations never wait for one once tags have loaded).
 * Every attempt is reported to an optional observer (the control-plane call and error metrics).
 */
import { SageMakerClient } from "@aws-sdk/client-sagemaker";

/** Milliseconds to establish a connection to the control plane. */
export const CONNECTION_TIMEOUT_MS = 2_000;

/** Milliseconds for one control-plane request and its response. */
export const REQUEST_TIMEOUT_MS = 5_000;

/** Told about each control-plane request (each retry included) once it has an outcome. */
export type ControlPlaneObserver = (failed: boolean) => void;

/** A client for `region`; `endpointUrl` overrides the AWS endpoint (local mode and tests). */
export function createSageMakerClient(region: string, endpointUrl: string | null, observer?: ControlPlaneObserver): SageMakerClient {
  const client = new SageMakerClient({
    region,
    ...(endpointUrl === null ? {} : { endpoint: endpointUrl }),
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
  if (observer !== undefined) {
    // The deserialize step runs inside the retry loop: once per attempt. Here the response is raw HTTP
    // (an error status has not been turned into an exception yet); a network failure throws.
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          const result = await next(args);
          const status = (result.response as { statusCode?: number }).statusCode ?? 200;
          observer(status >= 400);
          return result;
        } catch (err) {
          observer(true);
          throw err;
        }
      },
      { step: "deserialize", name: "countControlPlaneCalls" },
    );
  }
  return client;
}
