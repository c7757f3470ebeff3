/**
 * Pulumi mocks for local mode: the SageMaker Model, EndpointConfiguration and Endpoint the program
 * declares are applied to the SageMaker emulator with the real AWS SDK (their real tags, environment
 * and variants), and their real names and ARNs become the resources' state; every other resource gets
 * synthetic state and every data source a local answer. Nothing reaches AWS; an uploaded S3 object is
 * only noted (its source file), for the container's model directory.
 *
 * A second run with the same StackState is an update, as `pulumi up` applies one: a resource that exists
 * gets its tags updated in place (AddTags/DeleteTags), an Endpoint whose config changed gets UpdateEndpoint
 * (a blue/green deployment in the emulator; this run does not wait for it), a new fleet's Model and config
 * are created. Replaced Models and configs are kept (as with `retainOnDelete`), so a rollback finds them.
 */
import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteTagsCommand,
  DescribeEndpointCommand,
  ListTagsCommand,
  UpdateEndpointCommand,
  type SageMakerClient,
  type Tag,
} from "@aws-sdk/client-sagemaker";
import type { MockResourceArgs, MockResourceResult, Mocks } from "@pulumi/pulumi/runtime";
import { answerInvoke } from "./local-invokes";
import type { LocalIdentity } from "./local-identity";
import type { LocalObjects } from "./model-objects";
import { RANDOM_ID_TYPE, type StackState } from "./physical-names";
import { createEndpointConfigInput, createEndpointInput, createModelInput } from "./sagemaker-inputs";
import { syntheticState } from "./synthetic-state";

/** Pulumi type tokens of the SageMaker resources local mode creates in the emulator. */
export const SAGEMAKER_TYPES = {
  model: "aws:sagemaker/model:Model",
  endpointConfig: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
  endpoint: "aws:sagemaker/endpoint:Endpoint",
} as const;

/** The ARN SageMaker gives `<type>/<name>` in the emulation's account and region. */
function arnOf(identity: LocalIdentity, type: string, name: string): string {
  return `arn:aws:sagemaker:${identity.region}:${identity.accountId}:${type}/${name.toLowerCase()}`;
}

/** Whether the emulator already holds the resource `arn` (ListTags answers for existing resources only). */
async function currentTags(client: SageMakerClient, arn: string): Promise<Tag[] | undefined> {
  try {
    return (await client.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 100 }))).Tags ?? [];
  } catch {
    return undefined;
  }
}

/** Sets the tags of `arn` to `wanted` in place, as the provider's tag update does. */
async function syncTags(client: SageMakerClient, arn: string, existing: Tag[], wanted: Tag[]): Promise<void> {
  const keep = new Set(wanted.map((tag) => tag.Key));
  const stale = existing.map((tag) => tag.Key as string).filter((key) => !keep.has(key));
  if (stale.length > 0) await client.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: stale }));
  if (wanted.length > 0) await client.send(new AddTagsCommand({ ResourceArn: arn, Tags: wanted }));
}

/** Creates or updates one SageMaker resource in the emulator and returns its state (inputs + name + ARN). */
async function applyInEmulator(
  client: SageMakerClient,
  identity: LocalIdentity,
  state: StackState,
  args: MockResourceArgs,
): Promise<MockResourceResult | undefined> {
  const inputs = args.inputs as Record<string, unknown>;
  const name = state.physicalName(args.type, args.name, inputs);
  let arn: string;
  let tags: Tag[] | undefined;
  let create: () => Promise<unknown>;
  let update = async (): Promise<void> => undefined;
  switch (args.type) {
    case SAGEMAKER_TYPES.model: {
      const input = createModelInput(name, inputs);
      [arn, tags, create] = [arnOf(identity, "model", name), input.Tags, () => client.send(new CreateModelCommand(input))];
      break;
    }
    case SAGEMAKER_TYPES.endpointConfig: {
      const input = createEndpointConfigInput(name, inputs);
      [arn, tags, create] = [arnOf(identity, "endpoint-config", name), input.Tags, () => client.send(new CreateEndpointConfigCommand(input))];
      break;
    }
    case SAGEMAKER_TYPES.endpoint: {
      const input = createEndpointInput(name, inputs);
      [arn, tags, create] = [arnOf(identity, "endpoint", name), input.Tags, () => client.send(new CreateEndpointCommand(input))];
      update = () => updateEndpoint(client, name, input.EndpointConfigName as string, input.DeploymentConfig);
      break;
    }
    default:
      return undefined;
  }
  const existing = await currentTags(client, arn);
  if (existing === undefined) {
    await create();
  } else {
    await syncTags(client, arn, existing, tags ?? []);
    await update();
  }
  return { id: name, state: { ...inputs, name, arn, tagsAll: inputs.tags } };
}

/** UpdateEndpoint when the endpoint runs (or is deploying) another config than `configName`. */
async function updateEndpoint(client: SageMakerClient, name: string, configName: string, deploymentConfig: unknown): Promise<void> {
  const endpoint = await client.send(new DescribeEndpointCommand({ EndpointName: name }));
  const target = endpoint.PendingDeploymentSummary?.EndpointConfigName ?? endpoint.EndpointConfigName;
  if (target === configName) return;
  await client.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: configName, DeploymentConfig: deploymentConfig as never }));
}

/**
 * Mocks backed by the emulator that `client` points at, in the account and region of `identity`; `state`
 * is the stack's memory of generated names across runs (pass the same one to run an update); S3 objects
 * the program uploads are noted in `objects` (default: not noted).
 */
export function localMocks(client: SageMakerClient, identity: LocalIdentity, state: StackState, objects?: LocalObjects): Mocks {
  return {
    call: (args) => answerInvoke(args, identity),
    newResource: async (args) => {
      await objects?.record(args);
      if (args.type === RANDOM_ID_TYPE) {
        const outputs = state.randomId(args.name, args.inputs as Record<string, unknown>);
        return { id: outputs.id, state: { ...(args.inputs as Record<string, unknown>), ...outputs } };
      }
      return (await applyInEmulator(client, identity, state, args)) ?? syntheticState(args, identity, state);
    },
  };
}
