// Many tags at once, for the tag-limit and pagination tests.
import type { Tag } from "@aws-sdk/client-sagemaker";

/** `count` tags `<prefix>0..` with values `v0..`. */
export function manyTags(prefix: string, count: number): Tag[] {
  return Array.from({ length: count }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));
}
