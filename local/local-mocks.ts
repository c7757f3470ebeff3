/**
 * Pulumi mocks for local mode: the SageMaker Model, EndpointConfiguration and Endpoint the program
 * declares are created in the SageMaker emulator with the real AWS SDK (their real tags, environment
 * and variants), and their real names and ARNs become the resources' state; every other resource gets
 * synthetic state and every data source a local answer. Nothing reaches AWS.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import type { MockResourceArgs, MockResourceResult, Mocks } from "@pulumi/pulumi/runtime";
import { answerInvoke } from "./local-invokes";
import type { LocalIdentity } from "./local-identity";
import { RANDOM_ID_TYPE, type StackState } from "./physical-names";
import { createEndpointConfigInput, createEndpointInput, createModelInput } from "./sagemaker-inputs";
import { syntheticState } from "./synthetic-state";

/** Pulumi type tokens of the SageMaker resources local mode creates in the emulator. */
export const SAGEMAKER_TYPES = {
  model: "aws:sagemaker/model:Model",
  endpointConfig: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
  endpoint: "aws:sagemaker/endpoint:Endpoint",
} as const;

/** Creates one SageMaker resource in the emulator and returns its state (inputs + name + real ARN). */
async function createInEmulator(client: SageMakerClient, state: StackState, args: MockResourceArgs): Promise<MockResourceResult | undefined> {
  if (!Object.values(SAGEMAKER_TYPES).includes(args.type as never)) return undefined;
  const inputs = args.inputs as Record<string, unknown>;
  const name = state.physicalName(args.type, args.name, inputs);
  let arn: string | undefined;
  switch (args.type) {
    case SAGEMAKER_TYPES.model:
      arn = (await client.send(new CreateModelCommand(createModelInput(name, inputs)))).ModelArn;
      break;
    case SAGEMAKER_TYPES.endpointConfig:
      arn = (await client.send(new CreateEndpointConfigCommand(createEndpointConfigInput(name, inputs)))).EndpointConfigArn;
      break;
    case SAGEMAKER_TYPES.endpoint:
      arn = (await client.send(new CreateEndpointCommand(createEndpointInput(name, inputs)))).EndpointArn;
      break;
    default:
      return undefined;
  }
  return { id: name, state: { ...inputs, name, arn, tagsAll: inputs.tags } };
}

/**
 * Mocks backed by the emulator that `client` points at, in the account and region of `identity`; `state`
 * is the stack's memory of generated names across runs (pass the same one to run an update).
 */
export function localMocks(client: SageMakerClient, identity: LocalIdentity, state: StackState): Mocks {
  return {
    call: (args) => answerInvoke(args, identity),
    newResource: async (args) => {
      if (args.type === RANDOM_ID_TYPE) {
        const outputs = state.randomId(args.name, args.inputs as Record<string, unknown>);
        return { id: outputs.id, state: { ...(args.inputs as Record<string, unknown>), ...outputs } };
      }
      return (await createInEmulator(client, state, args)) ?? syntheticState(args, identity, state);
    },
  };
}
