/**
 * Pulumi mocks for local mode: the SageMaker Model, EndpointConfiguration and Endpoint the program
 * declares are created in the SageMaker emulator with the real AWS SDK (their real tags, environment
 * and variants), and their real names and ARNs become the resources' state; every other resource gets
 * synthetic state and every data source a local answer. Nothing reaches AWS; an uploaded S3 object is
 * only noted (its source file), for the container's model directory.
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
import type { LocalObjects } from "./model-objects";
import { physicalName } from "./physical-names";
import { createEndpointConfigInput, createEndpointInput, createModelInput } from "./sagemaker-inputs";
import { syntheticState } from "./synthetic-state";

/** Pulumi type tokens of the SageMaker resources local mode creates in the emulator. */
export const SAGEMAKER_TYPES = {
  model: "aws:sagemaker/model:Model",
  endpointConfig: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
  endpoint: "aws:sagemaker/endpoint:Endpoint",
} as const;

/** Creates one SageMaker resource in the emulator and returns its state (inputs + name + real ARN). */
async function createInEmulator(client: SageMakerClient, args: MockResourceArgs): Promise<MockResourceResult | undefined> {
  const inputs = args.inputs as Record<string, unknown>;
  const name = physicalName(args.name, inputs);
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
 * Mocks backed by the emulator that `client` points at, in the account and region of `identity`; S3
 * objects the program uploads are noted in `objects` (default: not noted).
 */
export function localMocks(client: SageMakerClient, identity: LocalIdentity, objects?: LocalObjects): Mocks {
  return {
    call: (args) => answerInvoke(args, identity),
    newResource: async (args) => {
      await objects?.record(args);
      return (await createInEmulator(client, args)) ?? syntheticState(args, identity);
    },
  };
}
