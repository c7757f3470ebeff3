/** The common part of CreateModel, CreateEndpointConfig and CreateEndpoint: a new tagged resource. */
import type { ResourceType } from "./arns";
import type { JsonObject } from "./constraints";
import type { OperationContext } from "./operation";
import type { StoredByType, StoredResource } from "./store";
import { WireTag, applyTags } from "./tags";
import { epochSeconds } from "./wire";

/** The members of a validated Create request other than the name member `nameKey` and `Tags`. */
export function specOf(input: JsonObject, nameKey: string): JsonObject {
  return Object.fromEntries(Object.entries(input).filter(([key]) => key !== nameKey && key !== "Tags"));
}

/**
 * Stores a new resource of `type` named `name`, created now, with `tags` and its type's own `fields`;
 * returns its ARN. Throws AWS's errors for bad tags or an existing name.
 */
export function addResource<T extends ResourceType>(
  { store, now }: OperationContext,
  type: T,
  name: string,
  tags: WireTag[],
  fields: Omit<StoredByType[T], keyof StoredResource>,
): string {
  const resource = { ...fields, type, name, arn: store.arn(type, name), creationTime: epochSeconds(now()), tags: new Map() } as StoredResource;
  applyTags(resource, tags);
  store.add(resource);
  return resource.arn;
}
