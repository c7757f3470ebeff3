/**
 * CreateEndpoint, DescribeEndpoint, UpdateEndpoint, DeleteEndpoint and ListEndpoints. A new endpoint is
 * `Creating` for `endpointCreationDelayMs`, then `InService` (computed when read). UpdateEndpoint starts a
 * blue/green deployment (deployment-runner.ts): `Updating` (or `RollingBack`) while it runs, with the old
 * config in `EndpointConfigName` and the new one in `PendingDeploymentSummary`, as SageMaker reports it.
 * UpdateEndpoint takes the request's `DeploymentConfig` (the last one only with `RetainDeploymentConfig`);
 * with one, the new config must keep the endpoint's variant names (SageMaker's rule for guarded
 * blue/green updates). UpdateEndpointWeightsAndCapacities makes the endpoint `Updating` and then sets the
 * variants' current weights, instance counts and serverless concurrency on the running fleet (no new fleet;
 * weights-and-capacities.ts); DescribeEndpoint reports the new values as `DesiredWeight`,
 * `DesiredInstanceCount` and `DesiredServerlessConfig` at once and as the current ones once it completes,
 * and invocations follow the current weights. Neither update is accepted while the endpoint is not
 * `InService`.
 */
import type {
  CreateEndpointOutput,
  DescribeEndpointOutput,
  EndpointStatus,
  EndpointSummary,
  PendingDeploymentSummary,
  ProductionVariantInstanceType,
  ProductionVariantSummary,
  UpdateEndpointOutput,
  UpdateEndpointWeightsAndCapacitiesOutput,
} from "@aws-sdk/client-sagemaker";
import { validationException } from "./aws-error";
import { Constraints, JsonObject, NAME_RULES, asObject, requireName } from "./constraints";
import { variantsOf } from "./endpoint-config-operations";
import { listOperation } from "./listing";
import { OperationContext, OperationTable, arnOfMember, deleteOperation } from "./operation";
import type { PendingDeployment, Store, StoredEndpoint, VariantCapacities } from "./store";
import { addResource } from "./new-resource";
import { readTags } from "./tags";
import { readDesiredWeightsAndCapacities, startCapacityUpdate } from "./weights-and-capacities";
import { Wire, epochSeconds } from "./wire";

const endpointArn = arnOfMember("endpoint", "EndpointName");

const STATUSES: EndpointStatus[] = [
  "OutOfService", "Creating", "Updating", "SystemUpdating", "RollingBack", "InService", "Deleting", "Failed", "UpdateRollbackFailed",
];

/** The status of `endpoint` at `nowMs`. */
export function endpointStatus(endpoint: StoredEndpoint, nowMs: number): EndpointStatus {
  if (endpoint.deployment !== undefined) return endpoint.deployment.endpointStatus;
  if (endpoint.capacityUpdate !== undefined) return "Updating";
  return nowMs >= endpoint.readyAt ? "InService" : "Creating";
}

/** The endpoint operations. */
export const ENDPOINT_OPERATIONS: OperationTable = {
  CreateEndpoint: {
    resourceArn: endpointArn,
    run(input, context): Wire<CreateEndpointOutput> {
      const c = new Constraints();
      const name = c.string(input, "EndpointName", NAME_RULES) as string;
      const configName = c.string(input, "EndpointConfigName", NAME_RULES) as string;
      const tags = readTags(c, input, "Tags", false);
      c.check();
      return { EndpointArn: addResource(context, "endpoint", name, tags, deployment(context, configName, input)) };
    },
  },
  UpdateEndpoint: {
    resourceArn: endpointArn,
    run(input, context): Wire<UpdateEndpointOutput> {
      const c = new Constraints();
      const name = c.string(input, "EndpointName", NAME_RULES) as string;
      const configName = c.string(input, "EndpointConfigName", NAME_RULES) as string;
      c.check();
      const endpoint = context.store.get("endpoint", name);
      requireInService(endpoint, context.now());
      const next = deployment(context, configName, input);
      const deploymentConfig = next.deploymentConfig ?? (input.RetainDeploymentConfig === true ? endpoint.deploymentConfig : undefined);
      if (deploymentConfig !== undefined) requireSameVariantNames(endpoint, next.configName, next.variants);
      endpoint.deploymentConfig = deploymentConfig;
      context.deployments.start(endpoint, next.configName, next.variants, next.images, deploymentConfig);
      return { EndpointArn: endpoint.arn };
    },
  },
  DescribeEndpoint: {
    resourceArn: endpointArn,
    run(input, { store, now }): Wire<DescribeEndpointOutput> {
      const endpoint = store.get("endpoint", requireName(input, "EndpointName"));
      const status = endpointStatus(endpoint, now());
      return {
        EndpointName: endpoint.name,
        EndpointArn: endpoint.arn,
        EndpointConfigName: endpoint.configName,
        ProductionVariants: status === "Creating" ? undefined : endpoint.variants.map((v, i) => variantSummary(v, endpoint.images[i], endpoint)),
        EndpointStatus: status,
        CreationTime: endpoint.creationTime,
        LastModifiedTime: endpoint.lastModifiedTime,
        LastDeploymentConfig: endpoint.deploymentConfig,
        PendingDeploymentSummary: endpoint.deployment === undefined ? undefined : pendingSummary(endpoint.deployment),
      };
    },
  },
  UpdateEndpointWeightsAndCapacities: {
    resourceArn: endpointArn,
    run(input, context): Wire<UpdateEndpointWeightsAndCapacitiesOutput> {
      const c = new Constraints();
      const name = c.string(input, "EndpointName", NAME_RULES) as string;
      const desired = readDesiredWeightsAndCapacities(c, input);
      c.check();
      const endpoint = context.store.get("endpoint", name);
      requireInService(endpoint, context.now());
      startCapacityUpdate(endpoint, desired, context);
      return { EndpointArn: endpoint.arn };
    },
  },
  DeleteEndpoint: deleteOperation("endpoint", "EndpointName"),
  ListEndpoints: listOperation(
    "endpoint",
    "Endpoints",
    (at) => ({
      operation: "ListEndpoints",
      sortKeys: { Name: (e) => e.name, CreationTime: (e) => e.creationTime, Status: (e) => endpointStatus(e, at) },
      filters: (input, c) => {
        const status = c.string(input, "StatusEquals", { oneOf: STATUSES });
        const before = c.timestamp(input, "LastModifiedTimeBefore");
        const after = c.timestamp(input, "LastModifiedTimeAfter");
        return [
          (e) => status === undefined || endpointStatus(e, at) === status,
          (e) => before === undefined || e.lastModifiedTime < before,
          (e) => after === undefined || e.lastModifiedTime > after,
        ];
      },
    }),
    (e, at): Wire<EndpointSummary> => ({
      EndpointName: e.name,
      EndpointArn: e.arn,
      CreationTime: e.creationTime,
      LastModifiedTime: e.lastModifiedTime,
      EndpointStatus: endpointStatus(e, at),
    }),
  ),
};

/**
 * Refuses UpdateEndpoint and UpdateEndpointWeightsAndCapacities on an endpoint that is not `InService`,
 * in AWS's wording for UpdateEndpoint (AWS does not document the other call's; the emulator uses the same).
 */
function requireInService(endpoint: StoredEndpoint, nowMs: number): void {
  if (endpointStatus(endpoint, nowMs) !== "InService") {
    throw validationException(`Cannot update in-progress endpoint "${endpoint.arn}".`);
  }
}

/**
 * Refuses a guarded update (one with a DeploymentConfig) to a config whose variant names are not the
 * endpoint's: SageMaker requires the same variant names for blue/green guardrails but does not document
 * its error's wording; this wording is the emulator's.
 */
function requireSameVariantNames(endpoint: StoredEndpoint, configName: string, variants: JsonObject[]): void {
  const names = (list: JsonObject[]) => list.map((variant) => String(variant.VariantName)).sort();
  const current = names(endpoint.variants);
  const next = names(variants);
  if (current.join("\n") === next.join("\n")) return;
  throw validationException(
    `An update with a DeploymentConfig must keep the endpoint's production variant names: endpoint ${endpoint.name} has ${current.join(", ")}, endpoint config ${configName} has ${next.join(", ")}. Rename variants with an update without DeploymentConfig (all at once).`,
  );
}

/** The endpoint fields a Create or Update with `configName` sets (the configuration must exist). */
function deployment(context: OperationContext, configName: string, input: JsonObject) {
  const { store, settings, now } = context;
  const variants = variantsOf(store, configName);
  const at = now();
  return {
    configName: store.get("endpoint-config", configName).name,
    variants,
    images: variants.map((v) => (typeof v.ModelName === "string" ? imageOf(store, v.ModelName) : undefined)),
    lastModifiedTime: epochSeconds(at),
    readyAt: at + settings.endpointCreationDelayMs,
    deploymentConfig: input.DeploymentConfig === undefined ? undefined : asObject(input.DeploymentConfig, "DeploymentConfig"),
  };
}

/** The image of the model's primary (or first) container, when the model still exists. */
function imageOf(store: Store, modelName: string): string | undefined {
  const spec = store.find("model", modelName)?.spec;
  const container = (spec?.PrimaryContainer ?? (spec?.Containers as unknown[] | undefined)?.[0]) as JsonObject | undefined;
  return typeof container?.Image === "string" ? container.Image : undefined;
}

/** DescribeEndpoint's `PendingDeploymentSummary`: the new config, its variants' status and weights. */
function pendingSummary(deployment: PendingDeployment): Wire<PendingDeploymentSummary> {
  return {
    EndpointConfigName: deployment.configName,
    StartTime: deployment.startTime,
    ProductionVariants: deployment.variants.map((variant, i) => {
      const count = variant.InitialInstanceCount as number | undefined;
      const weight = deployment.trafficPercent / 100;
      const image = deployment.images[i];
      return {
        VariantName: variant.VariantName as string,
        DeployedImages: image === undefined ? undefined : [{ SpecifiedImage: image, ResolvedImage: image, ResolutionTime: deployment.startTime }],
        CurrentWeight: weight,
        DesiredWeight: weight,
        CurrentInstanceCount: deployment.phase === "Creating" ? 0 : count,
        DesiredInstanceCount: count,
        InstanceType: variant.InstanceType as ProductionVariantInstanceType | undefined,
        VariantStatus: [{ Status: deployment.phase, StartTime: deployment.phaseStartTime }],
        CurrentServerlessConfig: variant.ServerlessConfig as Wire<ProductionVariantSummary>["CurrentServerlessConfig"],
        DesiredServerlessConfig: variant.ServerlessConfig as Wire<ProductionVariantSummary>["CurrentServerlessConfig"],
      };
    }),
  };
}

/** DescribeEndpoint's summary of one deployed variant: current values, and desired ones while an update runs. */
function variantSummary(variant: JsonObject, image: string | undefined, endpoint: StoredEndpoint): Wire<ProductionVariantSummary> {
  const current = variantValues(variant, endpoint);
  const desired = variantValues(variant, endpoint.capacityUpdate ?? endpoint);
  return {
    VariantName: variant.VariantName as string,
    DeployedImages: image === undefined ? undefined : [{ SpecifiedImage: image, ResolvedImage: image, ResolutionTime: endpoint.lastModifiedTime }],
    CurrentWeight: current.weight,
    DesiredWeight: desired.weight,
    CurrentInstanceCount: current.count,
    DesiredInstanceCount: desired.count,
    CurrentServerlessConfig: current.serverless,
    DesiredServerlessConfig: desired.serverless,
  };
}

/** A variant's weight, instance count and serverless config in `capacities`, else its config's. */
function variantValues(variant: JsonObject, capacities: VariantCapacities) {
  const name = String(variant.VariantName);
  const configured = typeof variant.InitialVariantWeight === "number" ? variant.InitialVariantWeight : 1;
  return {
    weight: capacities.weights?.[name] ?? configured,
    count: capacities.instanceCounts?.[name] ?? (variant.InitialInstanceCount as number | undefined),
    serverless: (capacities.serverlessConfigs?.[name] ?? variant.ServerlessConfig) as Wire<ProductionVariantSummary>["CurrentServerlessConfig"],
  };
}
