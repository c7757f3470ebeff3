/** One invocation through the emulator's runtime API with the real SageMaker runtime SDK (`--once`). */
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { EMULATOR_CREDENTIALS } from "../base/emulator-credentials";
import { SAMPLE_BODY, SAMPLE_CUSTOM_ATTRIBUTES } from "./sample-request";

/** What came back from the endpoint. */
export interface InvocationResult {
  /** The production variant that served the request (`X-Amzn-Invoked-Production-Variant`). */
  invokedVariant: string | undefined;
  /** The custom attributes the container returned (`X-Amzn-SageMaker-Custom-Attributes`). */
  customAttributes: string | undefined;
  /** The response body, parsed as JSON. */
  body: unknown;
}

/** Sends the sample request with the sample custom attributes to `endpointName` via `runtimeUrl`. */
export async function invokeSample(runtimeUrl: string, region: string, endpointName: string): Promise<InvocationResult> {
  const client = new SageMakerRuntimeClient({ region, endpoint: runtimeUrl, credentials: EMULATOR_CREDENTIALS });
  try {
    const response = await client.send(
      new InvokeEndpointCommand({
        EndpointName: endpointName,
        ContentType: "application/json",
        Accept: "application/json",
        CustomAttributes: SAMPLE_CUSTOM_ATTRIBUTES,
        Body: new TextEncoder().encode(SAMPLE_BODY),
      }),
    );
    return {
      invokedVariant: response.InvokedProductionVariant,
      customAttributes: response.CustomAttributes,
      body: JSON.parse(response.Body.transformToString()) as unknown,
    };
  } finally {
    client.destroy();
  }
}
