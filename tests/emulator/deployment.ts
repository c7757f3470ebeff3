// A model, endpoint configuration and endpoint created through the SDK, for tests that need them.
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  SageMakerClient,
  Tag,
} from "@aws-sdk/client-sagemaker";

/** Names and ARNs of a created deployment. */
export interface Deployment {
  /** Model name. */
  modelName: string;
  /** Endpoint configuration name. */
  configName: string;
  /** Endpoint name. */
  endpointName: string;
  /** Model ARN. */
  modelArn: string;
  /** Endpoint configuration ARN. */
  configArn: string;
  /** Endpoint ARN. */
  endpointArn: string;
}

/** Tag sets per layer; default none. */
export interface DeploymentTags {
  /** Model tags. */
  model?: Tag[];
  /** Endpoint configuration tags. */
  config?: Tag[];
  /** Endpoint tags. */
  endpoint?: Tag[];
}

/** Creates `<prefix>-model`, `<prefix>-config` (variant `AllTraffic`) and `<prefix>` with `tags`. */
export async function createDeployment(sm: SageMakerClient, prefix: string, tags: DeploymentTags = {}): Promise<Deployment> {
  const modelName = `${prefix}-model`;
  const configName = `${prefix}-config`;
  const endpointName = prefix;
  const model = await sm.send(
    new CreateModelCommand({
      ModelName: modelName,
      ExecutionRoleArn: "arn:aws:iam::123456789012:role/exec",
      PrimaryContainer: { Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", Environment: { SAGEMAKER_ENDPOINT_NAME: endpointName } },
      Tags: tags.model,
    }),
  );
  const config = await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: configName,
      ProductionVariants: [{ VariantName: "AllTraffic", ModelName: modelName, InitialInstanceCount: 2, InstanceType: "ml.m5.large" }],
      Tags: tags.config,
    }),
  );
  const endpoint = await sm.send(new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: configName, Tags: tags.endpoint }));
  return {
    modelName,
    configName,
    endpointName,
    modelArn: model.ModelArn as string,
    configArn: config.EndpointConfigArn as string,
    endpointArn: endpoint.EndpointArn as string,
  };
}

/** `count` tags `<prefix>0..` with values `v0..`. */
export function manyTags(prefix: string, count: number): Tag[] {
  return Array.from({ length: count }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));
}
