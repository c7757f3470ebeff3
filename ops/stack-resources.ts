/**
 * What cleanup reads from SageMaker: the models and endpoint configurations a stack owns (by the
 * program-owned tags `pulumi:project` and `pulumi:stack`, read with ListTags), and every endpoint
 * configuration any endpoint in the account and region references (DescribeEndpoint of each endpoint).
 */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  paginateListEndpointConfigs,
  paginateListEndpoints,
  paginateListModels,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { referencedConfigNames, type ReferencedConfig } from "./cleanup-plan";
import { listAllTags } from "./live-tags";

/** The tags that say which stack a resource belongs to. */
export interface StackOwner {
  /** Value of the `pulumi:project` tag. */
  project: string;
  /** Value of the `pulumi:stack` tag. */
  stack: string;
}

/** Whether an error is SageMaker's answer for a resource that does not exist (any more). */
export function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === "ValidationException" && /could not find/i.test(error.message);
}

async function owned(client: SageMakerClient, arns: Array<{ name: string; arn: string }>, owner: StackOwner): Promise<string[]> {
  const names: string[] = [];
  for (const { name, arn } of arns) {
    const tags = await listAllTags(client, arn);
    if (tags["pulumi:project"] === owner.project && tags["pulumi:stack"] === owner.stack) names.push(name);
  }
  return names;
}

/** The stack's models and endpoint configurations, by their tags. */
export async function listOwned(client: SageMakerClient, owner: StackOwner): Promise<{ configs: string[]; models: string[] }> {
  const models: Array<{ name: string; arn: string }> = [];
  for await (const page of paginateListModels({ client, pageSize: 100 }, {})) {
    for (const model of page.Models ?? []) models.push({ name: model.ModelName ?? "", arn: model.ModelArn ?? "" });
  }
  const configs: Array<{ name: string; arn: string }> = [];
  for await (const page of paginateListEndpointConfigs({ client, pageSize: 100 }, {})) {
    for (const config of page.EndpointConfigs ?? []) configs.push({ name: config.EndpointConfigName ?? "", arn: config.EndpointConfigArn ?? "" });
  }
  return { configs: await owned(client, configs, owner), models: await owned(client, models, owner) };
}

/** Every endpoint configuration an endpoint references, with the models it runs (undefined: it is gone). */
export async function listReferenced(client: SageMakerClient): Promise<ReferencedConfig[]> {
  const referenced: ReferencedConfig[] = [];
  for await (const page of paginateListEndpoints({ client, pageSize: 100 }, {})) {
    for (const summary of page.Endpoints ?? []) {
      const endpoint = summary.EndpointName ?? "";
      const described = await client.send(new DescribeEndpointCommand({ EndpointName: endpoint })).catch((error: unknown) => {
        if (isNotFound(error)) return undefined; // deleted since it was listed
        throw error;
      });
      for (const config of described ? referencedConfigNames(described) : []) {
        referenced.push({ config, endpoint, models: await modelsOf(client, config) });
      }
    }
  }
  return referenced;
}

async function modelsOf(client: SageMakerClient, config: string): Promise<string[] | undefined> {
  const described = await client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: config })).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
  if (described === undefined) return undefined;
  const variants = [...(described.ProductionVariants ?? []), ...(described.ShadowProductionVariants ?? [])];
  return variants.map((variant) => variant.ModelName).filter((name): name is string => name !== undefined);
}
