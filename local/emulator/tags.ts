/**
 * SageMaker tag rules: at most 50 tags per request and per resource, keys of 1..128 and values of
 * 0..256 characters from `[\p{L}\p{Z}\p{N}_.:/=+\-@]`, and keys starting with `aws:` reserved.
 */
import { validationException } from "./aws-error";
import { Constraints, JsonObject, asObject, listMemberPath, memberPath } from "./constraints";
import type { StoredResource } from "./store";

/** The most tags a resource (and one request) may carry. */
export const MAX_TAGS_PER_RESOURCE = 50;

const TAG_PATTERN = "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)";

/** A tag as the wire carries it (the SDK's `Tag`, both members present). */
export interface WireTag {
  /** Tag key. */
  Key: string;
  /** Tag value. */
  Value: string;
}

/** Reads the tag list member `key` of `input`, recording violations in `c`. */
export function readTags(c: Constraints, input: JsonObject, key: string, required: boolean): WireTag[] {
  const list = c.list(input, key, { required, max: MAX_TAGS_PER_RESOURCE }) ?? [];
  return list.map((item, index) => {
    const tag = asObject(item, `${key}[${index}]`);
    const parent = listMemberPath(key, index);
    const Key = c.string(tag, "Key", { required: true, min: 1, max: 128, pattern: TAG_PATTERN }, memberPath("Key", parent));
    const Value = c.string(tag, "Value", { required: true, max: 256, pattern: TAG_PATTERN }, memberPath("Value", parent));
    return { Key: Key ?? "", Value: Value ?? "" };
  });
}

/** Adds (or overwrites) `tags` on `resource`, refusing reserved keys and more than 50 tags in all. */
export function applyTags(resource: StoredResource, tags: WireTag[]): void {
  const reserved = tags.find((tag) => tag.Key.toLowerCase().startsWith("aws:"));
  if (reserved !== undefined) {
    throw validationException(`Tag keys starting with 'aws:' are reserved for AWS use: '${reserved.Key}'.`);
  }
  const keys = new Set([...resource.tags.keys(), ...tags.map((tag) => tag.Key)]);
  if (keys.size > MAX_TAGS_PER_RESOURCE) {
    throw validationException(
      `Resource ${resource.arn} would have ${keys.size} tags; a resource can have at most ${MAX_TAGS_PER_RESOURCE}.`,
    );
  }
  for (const tag of tags) resource.tags.set(tag.Key, tag.Value);
}
