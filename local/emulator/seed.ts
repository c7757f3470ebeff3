/**
 * One deployment created in the emulator through the real AWS SDK: a model, an endpoint configuration
 * with one variant, and an endpoint, each with its own tags. What tests and the bench need before they
 * can read tags or invoke; local mode creates its resources from the Pulumi program instead.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  type ProductionVariant,
  type SageMakerClient,
  type Tag,
} from "@aws-sdk/client-sagemaker";

/** What to create. */
export interface SeedOptions {
  /** The endpoint name; the model is `<endpointName>-model` and the config `<endpointName>-config` (required). */
  readonly endpointName: string;
  /** Tags of the model (default none). */
  readonly modelTags?: Tag[];
  /** Tags of the endpoint configuration (default none). */
  readonly endpointConfigTags?: Tag[];
  /** Tags of the endpoint (default none). */
  readonly endpointTags?: Tag[];
  /** The variant's capacity (default serverless, 2048 MB, concurrency 20); its name is `AllTraffic`. */
  readonly variant?: Omit<ProductionVariant, "VariantName" | "ModelName">;
  /** The model's container environment (default `{SAGEMAKER_ENDPOINT_NAME: endpointName}`). */
  readonly environment?: Record<string, string>;
}

/** Names and ARNs of a seeded deployment. */
export interface SeededDeployment {
  /** Model name. */
  readonly modelName: string;
  /** Endpoint configuration name. */
  readonly configName: string;
  /** Endpoint name. */
  readonly endpointName: string;
  /** Model ARN. */
  readonly modelArn: string;
  /** Endpoint configuration ARN. */
  readonly configArn: string;
  /** Endpoint ARN. */
  readonly endpointArn: string;
}

/** The tag list the SDK takes, from a `{key: value}` map. */
export function tagList(tags: Record<string, string> = {}): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Creates the model, the endpoint configuration (one variant, `AllTraffic`) and the endpoint. */
export async function seedDeployment(client: SageMakerClient, options: SeedOptions): Promise<SeededDeployment> {
  const { endpointName } = options;
  const modelName = `${endpointName}-model`;
  const configName = `${endpointName}-config`;
  const model = await client.send(
    new CreateModelCommand({
      ModelName: modelName,
      ExecutionRoleArn: "arn:aws:iam::123456789012:role/emulated-execution-role",
      PrimaryContainer: {
        Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/tagged-endpoint:emulated",
        Environment: options.environment ?? { SAGEMAKER_ENDPOINT_NAME: endpointName },
      },
      Tags: options.modelTags,
    }),
  );
  const config = await client.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: configName,
      ProductionVariants: [
        {
          VariantName: "AllTraffic",
          ModelName: modelName,
          ...(options.variant ?? { ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 20 } }),
        },
      ],
      Tags: options.endpointConfigTags,
    }),
  );
  const endpoint = await client.send(
    new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: configName, Tags: options.endpointTags }),
  );
  return {
    modelName,
    configName,
    endpointName,
    modelArn: model.ModelArn as string,
    configArn: config.EndpointConfigArn as string,
    endpointArn: endpoint.EndpointArn as string,
  };
}
