/**
 * ListTags (NextToken/MaxResults pagination; MaxResults at least 50, as AWS's model says), AddTags and
 * DeleteTags, on the ARN of any stored model, endpoint configuration or endpoint.
 */
import type { AddTagsOutput, ListTagsOutput } from "@aws-sdk/client-sagemaker";
import { SAGEMAKER_ARN_PATTERN } from "./arns";
import { validationException } from "./aws-error";
import { Constraints, JsonObject, listMemberPath } from "./constraints";
import type { OperationTable } from "./operation";
import { pageOf } from "./pagination";
import type { Store, StoredResource } from "./store";
import { MAX_TAGS_PER_RESOURCE, applyTags, readTags } from "./tags";
import type { Wire } from "./wire";

/** The smallest MaxResults ListTags accepts (AWS's model: ListTagsMaxResults, min 50). */
export const LIST_TAGS_MIN_MAX_RESULTS = 50;

const resourceArn = (input: JsonObject) => (typeof input.ResourceArn === "string" ? input.ResourceArn : undefined);

/** The tagging operations. */
export const TAG_OPERATIONS: OperationTable = {
  ListTags: {
    resourceArn,
    run(input, { store, settings }): Wire<ListTagsOutput> {
      const c = new Constraints();
      const arn = readArn(c, input);
      const maxResults = c.integer(input, "MaxResults", LIST_TAGS_MIN_MAX_RESULTS);
      const nextToken = c.string(input, "NextToken", { max: 8192 });
      c.check();
      const resource = taggedResource(store, arn);
      const size = Math.min(maxResults ?? settings.listTagsPageSize, settings.listTagsPageSize);
      const tags = [...resource.tags].map(([Key, Value]) => ({ Key, Value }));
      const page = pageOf(tags, nextToken, size, `ListTags ${arn}`);
      return { Tags: page.items, NextToken: page.nextToken };
    },
  },
  AddTags: {
    resourceArn,
    run(input, { store }): Wire<AddTagsOutput> {
      const c = new Constraints();
      const arn = readArn(c, input);
      const tags = readTags(c, input, "Tags", true);
      c.check();
      applyTags(taggedResource(store, arn), tags);
      return { Tags: tags };
    },
  },
  DeleteTags: {
    resourceArn,
    run(input, { store }) {
      const c = new Constraints();
      const arn = readArn(c, input);
      const keys = (c.list(input, "TagKeys", { required: true, min: 1, max: MAX_TAGS_PER_RESOURCE }) ?? []).map((_, index) =>
        c.string(input.TagKeys as JsonObject, String(index), { required: true, min: 1, max: 128 }, listMemberPath("TagKeys", index)),
      );
      c.check();
      const resource = taggedResource(store, arn);
      for (const key of keys) resource.tags.delete(key as string);
      return {};
    },
  },
};

function readArn(c: Constraints, input: JsonObject): string {
  return c.string(input, "ResourceArn", { required: true, max: 256, pattern: SAGEMAKER_ARN_PATTERN }) as string;
}

/** The stored resource with this exact ARN, or AWS's ListTags/AddTags answer for an unknown one. */
function taggedResource(store: Store, arn: string): StoredResource {
  const resource = store.findByArn(arn);
  if (resource === undefined) throw validationException("Resource does not exist");
  return resource;
}
