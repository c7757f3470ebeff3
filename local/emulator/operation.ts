/** The shape of one control-plane operation and what it may use. */
import type { ResourceType } from "./arns";
import { JsonObject, requireName } from "./constraints";
import type { Store, StoredEndpoint } from "./store";

/** What UpdateEndpoint hands a deployment to (the emulator's DeploymentRunner). */
export interface DeploymentStarter {
  /** Starts deploying config `configName` (its `variants` and their `images`) to `endpoint`. */
  start(endpoint: StoredEndpoint, configName: string, variants: JsonObject[], images: (string | undefined)[], deploymentConfig: JsonObject | undefined): void;
  /** Runs `action` after `seconds` times the deployment time factor, unless the emulator closes first. */
  after(seconds: number, action: () => void): void;
}

/** Behaviour settings of the control plane (fixed when the emulator starts). */
export interface ControlPlaneSettings {
  /** How long a new or updated endpoint stays `Creating`/`Updating` before `InService`, in ms. */
  endpointCreationDelayMs: number;
  /** The most tags one ListTags page holds, whatever MaxResults asks for. */
  listTagsPageSize: number;
}

/** What an operation runs against. */
export interface OperationContext {
  /** The resources. */
  store: Store;
  /** Behaviour settings. */
  settings: ControlPlaneSettings;
  /** Runs UpdateEndpoint's blue/green deployments and times UpdateEndpointWeightsAndCapacities. */
  deployments: DeploymentStarter;
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** One control-plane operation. */
export interface Operation {
  /** Runs the operation on its parsed JSON input; returns the output object or throws an AwsError. */
  run(input: JsonObject, context: OperationContext): object;
  /**
   * The ARN the operation acts on, named in AccessDenied faults; undefined for operations on no single
   * resource (List*), whose denial message names none, as IAM's does.
   */
  resourceArn?(input: JsonObject, store: Store): string | undefined;
}

/** Operations by name (the part after `SageMaker.` in `X-Amz-Target`). */
export type OperationTable = Record<string, Operation>;

/** A resource ARN built from the string member `key` of the input, for AccessDenied messages. */
export function arnOfMember(type: ResourceType, key: string): Operation["resourceArn"] {
  return (input, store) => (typeof input[key] === "string" ? store.arn(type, input[key]) : undefined);
}

/** Delete<Resource>: removes the resource of `type` named by the member `key` (and its tags); answers `{}`. */
export function deleteOperation(type: ResourceType, key: string): Operation {
  return {
    resourceArn: arnOfMember(type, key),
    run(input, { store }) {
      store.delete(type, requireName(input, key));
      return {};
    },
  };
}
