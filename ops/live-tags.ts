/**
 * Live tags of a stack's three SageMaker layers, read with `ListTags` (every page) from AWS or, with an
 * endpoint URL, from the local emulator.
 */
import { paginateListTags, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { StackOutputs } from "../base/stack-outputs";
import type { TagsByLayer } from "./tag-drift";

/** Every tag on one resource, following `NextToken` through all pages (100 tags per page). */
export async function listAllTags(client: SageMakerClient, resourceArn: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  for await (const page of paginateListTags({ client, pageSize: 100 }, { ResourceArn: resourceArn })) {
    for (const tag of page.Tags ?? []) {
      if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? "";
    }
  }
  return tags;
}

/** The live tags of the endpoint, endpoint configuration and model named in the stack outputs. */
export async function readLiveTags(client: SageMakerClient, outputs: StackOutputs): Promise<TagsByLayer> {
  const [endpoint, endpointConfig, model] = await Promise.all([
    listAllTags(client, outputs.endpointArn),
    listAllTags(client, outputs.endpointConfigArn),
    listAllTags(client, outputs.modelArn),
  ]);
  return { endpoint, endpointConfig, model };
}
