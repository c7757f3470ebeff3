import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Variant } from "./settings";

/** The name of the endpoint's single production variant (the SageMaker SDK's default name). */
export const VARIANT_NAME = "AllTraffic";

/** The endpoint configuration's production variant for the configured serverless or instance variant. */
export function productionVariant(
  variant: Variant,
  modelName: pulumi.Input<string>,
): aws.types.input.sagemaker.EndpointConfigurationProductionVariant {
  if (variant.kind === "serverless") {
    return {
      variantName: VARIANT_NAME,
      modelName,
      serverlessConfig: { memorySizeInMb: variant.memorySizeInMb, maxConcurrency: variant.maxConcurrency },
    };
  }
  return {
    variantName: VARIANT_NAME,
    modelName,
    instanceType: variant.instanceType,
    initialInstanceCount: variant.initialInstanceCount,
    initialVariantWeight: 1,
  };
}
