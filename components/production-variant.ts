import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ProductionVariantSettings } from "./settings";

/** The endpoint configuration's production variant for one configured serverless or instance variant. */
export function productionVariant(
  variant: ProductionVariantSettings,
  modelName: pulumi.Input<string>,
): aws.types.input.sagemaker.EndpointConfigurationProductionVariant {
  const capacity = variant.capacity;
  if (capacity.kind === "serverless") {
    return {
      variantName: variant.name,
      modelName,
      serverlessConfig: { memorySizeInMb: capacity.memorySizeInMb, maxConcurrency: capacity.maxConcurrency },
      // SageMaker's default weight is 1: left out then, so one-variant serverless configurations stay as they were.
      ...(variant.initialWeight === 1 ? {} : { initialVariantWeight: variant.initialWeight }),
    };
  }
  return {
    variantName: variant.name,
    modelName,
    instanceType: capacity.instanceType,
    initialInstanceCount: capacity.initialInstanceCount,
    initialVariantWeight: variant.initialWeight,
  };
}

/**
 * The logical-name suffix of a variant's resources (Model, scaling target and policy, alarms): none for a
 * single variant (so one-variant stacks keep their names), `-<variant>` for several.
 */
export function resourceSuffix(variantName: string, count: number): string {
  return count === 1 ? "" : `-${variantName}`;
}
