/** The sample invocation local mode sends (`--once`) and prints as ready-to-paste commands. */

/**
 * A request body for the sample house-price model in `container/model` (features: area m², bedrooms,
 * age in years, distance to the centre in km).
 */
export const SAMPLE_BODY = '{"instances": [[120, 3, 10, 5]]}';

/** The `X-Amzn-SageMaker-Custom-Attributes` value of the sample request. */
export const SAMPLE_CUSTOM_ATTRIBUTES = "trace=local-demo;tenant=7";
