/**
 * The emulator's in-memory SageMaker resources: models, endpoint configurations and endpoints, each with
 * its tags. Names are unique per type regardless of case (their ARNs are lower-cased); a resource is
 * found by name or by its exact ARN.
 */
import { ArnScope, RESOURCE_NOUNS, ResourceType, resourceArn } from "./arns";
import { validationException } from "./aws-error";
import type { JsonObject } from "./constraints";

/** What every stored resource has. */
export interface StoredResource {
  /** ARN resource type. */
  type: ResourceType;
  /** The name as the caller chose it. */
  name: string;
  /** The resource's ARN (lower-cased name). */
  arn: string;
  /** Creation time, epoch seconds. */
  creationTime: number;
  /** Tags by key, in the order they were added. */
  tags: Map<string, string>;
}

/** A model: its Create request as given, without the name and tags. */
export interface StoredModel extends StoredResource {
  /** Always `model`. */
  type: "model";
  /** CreateModel's members other than ModelName and Tags, returned by DescribeModel. */
  spec: JsonObject;
}

/** An endpoint configuration: its Create request as given, without the name and tags. */
export interface StoredEndpointConfig extends StoredResource {
  /** Always `endpoint-config`. */
  type: "endpoint-config";
  /** CreateEndpointConfig's members other than EndpointConfigName and Tags. */
  spec: JsonObject;
}

/**
 * The per-variant values UpdateEndpointWeightsAndCapacities sets on a running fleet, each by variant name;
 * a variant missing from a record has its config's value.
 */
export interface VariantCapacities {
  /** Weights (default: none, each variant's `InitialVariantWeight`). */
  weights?: Record<string, number>;
  /** Instance counts (default: none, each variant's `InitialInstanceCount`). */
  instanceCounts?: Record<string, number>;
  /** Serverless configs after `ServerlessUpdateConfig` (default: none, each variant's `ServerlessConfig`). */
  serverlessConfigs?: Record<string, JsonObject>;
}

/**
 * An endpoint. Its `VariantCapacities` are the current ones, set when an UpdateEndpointWeightsAndCapacities
 * completes; a new config starts from its own values again.
 */
export interface StoredEndpoint extends StoredResource, VariantCapacities {
  /** Always `endpoint`. */
  type: "endpoint";
  /** The endpoint configuration it was created or last updated with. */
  configName: string;
  /** That configuration's production variants, as they were when the endpoint took it. */
  variants: JsonObject[];
  /** The container image of each variant's model (same order as `variants`); undefined when unknown. */
  images: (string | undefined)[];
  /**
   * The values an accepted UpdateEndpointWeightsAndCapacities will set once it completes (the endpoint is
   * `Updating` until then; DescribeEndpoint reports them as the desired values); undefined when none runs.
   */
  capacityUpdate?: VariantCapacities;
  /** Last creation or update, epoch seconds. */
  lastModifiedTime: number;
  /** Epoch milliseconds from which the new endpoint is `InService`; before, it is `Creating`. */
  readyAt: number;
  /** The DeploymentConfig of the last CreateEndpoint/UpdateEndpoint, if it had one. */
  deploymentConfig?: JsonObject;
  /** The update in progress (a new fleet on another config); undefined when none. */
  deployment?: PendingDeployment;
}

/** What a new fleet's variant is doing (SageMaker's VariantStatus values the emulator goes through). */
export type FleetPhase = "Creating" | "ActivatingTraffic" | "Baking";

/** An UpdateEndpoint in progress: the new (green) fleet while the old (blue) one still serves. */
export interface PendingDeployment {
  /** The endpoint configuration being deployed. */
  configName: string;
  /** Its production variants. */
  variants: JsonObject[];
  /** The container image of each variant's model. */
  images: (string | undefined)[];
  /** The DeploymentConfig of the UpdateEndpoint call (or the endpoint's last one). */
  deploymentConfig?: JsonObject;
  /** When the update started, epoch seconds. */
  startTime: number;
  /** `Updating`, or `RollingBack` while the new fleet is being removed. */
  endpointStatus: "Updating" | "RollingBack";
  /** What the new fleet is doing. */
  phase: FleetPhase;
  /** When `phase` started, epoch seconds. */
  phaseStartTime: number;
  /** The new fleet's share of the traffic, 0..100. */
  trafficPercent: number;
}

/** Stored resources by type. */
export interface StoredByType {
  /** Models. */
  model: StoredModel;
  /** Endpoint configurations. */
  "endpoint-config": StoredEndpointConfig;
  /** Endpoints. */
  endpoint: StoredEndpoint;
}

/** All resources of one emulator. */
export class Store {
  private readonly byArn = new Map<string, StoredResource>();

  constructor(readonly scope: ArnScope) {}

  /** The ARN a resource of `type` named `name` has (or would have). */
  arn(type: ResourceType, name: string): string {
    return resourceArn(this.scope, type, name);
  }

  /** The resource of `type` named `name` (any case), or undefined. */
  find<T extends ResourceType>(type: T, name: string): StoredByType[T] | undefined {
    return this.byArn.get(this.arn(type, name)) as StoredByType[T] | undefined;
  }

  /** The resource of `type` named `name`, or AWS's `Could not find <type> "<arn>".` ValidationException. */
  get<T extends ResourceType>(type: T, name: string): StoredByType[T] {
    const found = this.find(type, name);
    if (found === undefined) throw notFound(type, this.arn(type, name));
    return found;
  }

  /** The resource with exactly this ARN, or undefined. */
  findByArn(arn: string): StoredResource | undefined {
    return this.byArn.get(arn);
  }

  /** Stores a new resource, or throws AWS's `Cannot create already existing <type> "<arn>".` */
  add(resource: StoredResource): void {
    if (this.byArn.has(resource.arn)) {
      throw validationException(`Cannot create already existing ${RESOURCE_NOUNS[resource.type]} "${resource.arn}".`);
    }
    this.byArn.set(resource.arn, resource);
  }

  /** Removes the resource of `type` named `name` with its tags, or throws as `get` does. */
  delete(type: ResourceType, name: string): void {
    this.byArn.delete(this.get(type, name).arn);
  }

  /** Every resource of `type`, oldest first. */
  all<T extends ResourceType>(type: T): StoredByType[T][] {
    return [...this.byArn.values()].filter((r) => r.type === type) as StoredByType[T][];
  }
}

/** AWS's message for a resource that does not exist. */
function notFound(type: ResourceType, arn: string) {
  return validationException(`Could not find ${RESOURCE_NOUNS[type]} "${arn}".`);
}
