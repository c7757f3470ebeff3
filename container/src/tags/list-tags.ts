/** `ListTags` on one resource ARN, following `NextToken` through every page. */
import { ListTagsCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { callControlPlane } from "./control-plane-error";
import type { TagMap } from "./tag-layers";

/** Tags requested per page (the API accepts 50-100; 50 keeps pages small and is the per-resource tag limit). */
export const LIST_TAGS_PAGE_SIZE = 50;

/** All tags of the resource `arn`; `signal` aborts the calls. */
export async function listAllTags(client: SageMakerClient, arn: string, signal?: AbortSignal): Promise<TagMap> {
  const pairs: [string, string][] = [];
  let nextToken: string | undefined;
  do {
    const page = await callControlPlane("ListTags", arn, () =>
      client.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: LIST_TAGS_PAGE_SIZE, NextToken: nextToken }), { abortSignal: signal }),
    );
    for (const tag of page.Tags ?? []) {
      if (tag.Key !== undefined) pairs.push([tag.Key, tag.Value ?? ""]);
    }
    nextToken = page.NextToken || undefined;
  } while (nextToken !== undefined);
  return Object.fromEntries(pairs);
}
