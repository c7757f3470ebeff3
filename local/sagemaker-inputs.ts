/**
 * Translates the Pulumi inputs of the three SageMaker resources (`aws:sagemaker/...`) into the AWS SDK
 * requests that create them, field by field. A field local mode does not translate is an error rather
 * than silently dropped, so the emulator never holds less than the program declared.
 */
import type {
  CreateEndpointConfigInput,
  CreateEndpointInput,
  CreateModelInput,
  DeploymentConfig,
  ProductionVariant,
  Tag,
} from "@aws-sdk/client-sagemaker";
import { tagList } from "./emulator/seed";

type Inputs = Record<string, unknown>;

/** Fails when `inputs` holds a field outside `known`; `where` names the resource or block. */
function rejectUnknown(inputs: Inputs, known: readonly string[], where: string): void {
  const unknown = Object.keys(inputs).filter((key) => inputs[key] !== undefined && !known.includes(key));
  if (unknown.length > 0) throw new Error(`local mode cannot emulate ${where} field(s) ${unknown.join(", ")}`);
}

/** Pulumi's tag map as the SDK's tag list. */
function toTagList(tags: unknown): Tag[] {
  return tagList(tags as Record<string, string> | undefined);
}

/** `aws:sagemaker/model:Model` inputs as a `CreateModel` request named `name`. */
export function createModelInput(name: string, inputs: Inputs): CreateModelInput {
  rejectUnknown(inputs, ["name", "primaryContainer", "executionRoleArn", "enableNetworkIsolation", "tags"], "Model");
  const container = (inputs.primaryContainer ?? {}) as Inputs;
  rejectUnknown(container, ["image", "environment", "modelDataUrl", "mode"], "Model primaryContainer");
  return {
    ModelName: name,
    ExecutionRoleArn: inputs.executionRoleArn as string | undefined,
    EnableNetworkIsolation: inputs.enableNetworkIsolation as boolean | undefined,
    PrimaryContainer: {
      Image: container.image as string | undefined,
      Environment: container.environment as Record<string, string> | undefined,
      ModelDataUrl: container.modelDataUrl as string | undefined,
      Mode: container.mode as "SingleModel" | "MultiModel" | undefined,
    },
    Tags: toTagList(inputs.tags),
  };
}

const VARIANT_FIELDS = [
  "variantName",
  "modelName",
  "initialInstanceCount",
  "instanceType",
  "initialVariantWeight",
  "serverlessConfig",
  "volumeSizeInGb",
  "modelDataDownloadTimeoutInSeconds",
  "containerStartupHealthCheckTimeoutInSeconds",
] as const;

/** One production variant (Pulumi shape) in the SDK's shape. */
function toProductionVariant(variant: Inputs): ProductionVariant {
  rejectUnknown(variant, VARIANT_FIELDS, "EndpointConfiguration productionVariants");
  const serverless = variant.serverlessConfig as Inputs | undefined;
  if (serverless) {
    rejectUnknown(serverless, ["memorySizeInMb", "maxConcurrency", "provisionedConcurrency"], "serverlessConfig");
  }
  return {
    VariantName: variant.variantName as string,
    ModelName: variant.modelName as string | undefined,
    InitialInstanceCount: variant.initialInstanceCount as number | undefined,
    InstanceType: variant.instanceType as ProductionVariant["InstanceType"],
    InitialVariantWeight: variant.initialVariantWeight as number | undefined,
    VolumeSizeInGB: variant.volumeSizeInGb as number | undefined,
    ModelDataDownloadTimeoutInSeconds: variant.modelDataDownloadTimeoutInSeconds as number | undefined,
    ContainerStartupHealthCheckTimeoutInSeconds: variant.containerStartupHealthCheckTimeoutInSeconds as number | undefined,
    ServerlessConfig: serverless && {
      MemorySizeInMB: serverless.memorySizeInMb as number,
      MaxConcurrency: serverless.maxConcurrency as number,
      ProvisionedConcurrency: serverless.provisionedConcurrency as number | undefined,
    },
  };
}

/** `aws:sagemaker/endpointConfiguration:EndpointConfiguration` inputs as a `CreateEndpointConfig` request. */
export function createEndpointConfigInput(name: string, inputs: Inputs): CreateEndpointConfigInput {
  rejectUnknown(inputs, ["name", "namePrefix", "productionVariants", "tags"], "EndpointConfiguration");
  return {
    EndpointConfigName: name,
    ProductionVariants: ((inputs.productionVariants ?? []) as Inputs[]).map(toProductionVariant),
    Tags: toTagList(inputs.tags),
  };
}

/**
 * A deployment-config block (camelCase keys all the way down, no map-valued fields) with its keys in
 * the SDK's PascalCase: `blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize.value` becomes
 * `BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value`.
 */
function pascalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key.charAt(0).toUpperCase() + key.slice(1), pascalKeys(inner)]),
  );
}

/** `aws:sagemaker/endpoint:Endpoint` inputs as a `CreateEndpoint` request named `name`. */
export function createEndpointInput(name: string, inputs: Inputs): CreateEndpointInput {
  rejectUnknown(inputs, ["name", "endpointConfigName", "deploymentConfig", "tags"], "Endpoint");
  return {
    EndpointName: name,
    EndpointConfigName: inputs.endpointConfigName as string,
    DeploymentConfig: inputs.deploymentConfig === undefined ? undefined : (pascalKeys(inputs.deploymentConfig) as DeploymentConfig),
    Tags: toTagList(inputs.tags),
  };
}
