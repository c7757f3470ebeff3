import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Autoscaling, Tags } from "./settings";

/** Application Auto Scaling's dimension for a SageMaker variant's instance count. */
const SCALABLE_DIMENSION = "sagemaker:variant:DesiredInstanceCount";

/** The scalable target of the endpoint's variant `variantName`, between the configured bounds. */
export function scalingTargetArgs(
  endpointName: pulumi.Input<string>,
  variantName: string,
  autoscaling: Autoscaling,
  tags: Tags,
): aws.appautoscaling.TargetArgs {
  return {
    serviceNamespace: "sagemaker",
    scalableDimension: SCALABLE_DIMENSION,
    resourceId: pulumi.interpolate`endpoint/${endpointName}/variant/${variantName}`,
    minCapacity: autoscaling.minCapacity,
    maxCapacity: autoscaling.maxCapacity,
    tags,
  };
}

/** Target tracking on `SageMakerVariantInvocationsPerInstance` for a scalable target. */
export function scalingPolicyArgs(target: aws.appautoscaling.Target, autoscaling: Autoscaling): aws.appautoscaling.PolicyArgs {
  return {
    policyType: "TargetTrackingScaling",
    serviceNamespace: target.serviceNamespace,
    scalableDimension: target.scalableDimension,
    resourceId: target.resourceId,
    targetTrackingScalingPolicyConfiguration: {
      targetValue: autoscaling.targetInvocationsPerInstance,
      predefinedMetricSpecification: { predefinedMetricType: "SageMakerVariantInvocationsPerInstance" },
      scaleInCooldown: autoscaling.scaleInCooldownSeconds,
      scaleOutCooldown: autoscaling.scaleOutCooldownSeconds,
    },
  };
}
