/**
 * One full read of the deployment's tags: names -> ARNs (once, when `resolveOnce` or with a fleet
 * identity; a container's own config and model never change, since an endpoint update launches a new
 * fleet) then `ListTags` on the three ARNs in parallel. With a fleet identity the config and model are
 * this container's own, not the ones DescribeEndpoint names as current (which, during a blue/green update,
 * are the old fleet's). An AccessDenied is logged with the IAM action and resource the execution role is
 * missing.
 */
import type { SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { FleetIdentity } from "../config";
import type { Logger } from "../log";
import { resolveArns, type ResourceArns } from "./arn-resolver";
import { ControlPlaneError } from "./control-plane-error";
import type { ConfigCache } from "./fleet-config";
import { listAllTags } from "./list-tags";
import type { TagLayers } from "./tag-layers";

/** One read's result: the three tag layers and the EndpointConfig whose tags are the config layer. */
export interface LoadedTags {
  /** The tags of the endpoint, the config and the model. */
  readonly layers: TagLayers;
  /** The name of the EndpointConfig read (with a fleet identity: the one that launched this fleet). */
  readonly endpointConfigName: string;
}

/** Reads the three tag layers; rejects with a `ControlPlaneError` when a call fails or `signal` aborts it. */
export type TagLoader = (signal?: AbortSignal) => Promise<LoadedTags>;

/** What a tag reader needs. */
export interface TagReaderOptions {
  /** A SageMaker client for the endpoint's region. */
  readonly client: SageMakerClient;
  /** The endpoint whose tags are read. */
  readonly endpointName: string;
  /** The container's own Model and variant; null: the config and model the endpoint currently runs. */
  readonly fleet: FleetIdentity | null;
  /**
   * Keep the ARNs after the first successful resolution (true) or run the Describe chain on every read
   * (false; with a fleet identity they are kept either way: the fleet's config never changes).
   */
  readonly resolveOnce: boolean;
  /** Where AccessDenied lines go. */
  readonly log: Logger;
}

/** A `TagLoader` for one endpoint. */
export function createTagReader(options: TagReaderOptions): TagLoader {
  const { client, endpointName, fleet, resolveOnce, log } = options;
  let resolved: ResourceArns | null = null;
  const configs: ConfigCache = new Map();
  return async (signal) => {
    try {
      let arns = resolved;
      if (arns === null) {
        arns = await resolveArns(client, endpointName, fleet, configs, log, signal);
        if (fleet !== null) log.info("fleet endpoint config resolved", { ...fleet, endpointConfigName: arns.endpointConfigName });
        if (resolveOnce || fleet !== null) resolved = arns;
      }
      const [endpoint, endpointConfig, model] = await Promise.all([
        listAllTags(client, arns.endpoint, signal),
        listAllTags(client, arns.endpointConfig, signal),
        listAllTags(client, arns.model, signal),
      ]);
      return { layers: { endpoint, endpointConfig, model }, endpointConfigName: arns.endpointConfigName };
    } catch (err) {
      if (err instanceof ControlPlaneError && err.accessDenied) {
        log.error(`access denied: the execution role needs ${err.action} on ${err.resource}`, {
          action: err.action,
          resource: err.resource,
        });
      }
      throw err;
    }
  };
}
