// The one request every scenario sends: a small batch for the sample house-price model
// (container/model/model.json: area_m2, bedrooms, age_years, distance_km) with custom attributes.

/** An `/invocations` request. */
export interface SampleRequest {
  /** Request body. */
  body: string;
  /** Request headers; content-length is left to the client. */
  headers: Record<string, string>;
}

/** Builds the bench's request: four houses as `{"instances": [...]}`, JSON in and out, with custom attributes. */
export function sampleRequest(): SampleRequest {
  const body = JSON.stringify({
    instances: [
      [84.5, 3, 12, 4.2],
      [132.0, 4, 3, 9.8],
      [56.25, 2, 41, 1.1],
      [97.0, 3, 25, 6.4],
    ],
  });
  return {
    body,
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      "x-amzn-sagemaker-custom-attributes": "trace=3f2a9c1e-bench;tenant=acme;priority=standard",
    },
  };
}
