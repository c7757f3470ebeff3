/**
 * The three tag layers of a SageMaker deployment, kept apart, and their merged view. Precedence when a
 * key is on several resources: Endpoint > EndpointConfig > Model (the most specific resource wins: the
 * endpoint is what callers invoke; a model can be shared by several configs).
 */

/** Tag key -> value. */
export type TagMap = Readonly<Record<string, string>>;

/** The tags of each resource behind the endpoint. */
export interface TagLayers {
  /** Tags on the Endpoint. */
  readonly endpoint: TagMap;
  /** Tags on the EndpointConfig the endpoint runs. */
  readonly endpointConfig: TagMap;
  /** Tags on the Model the config's production variant serves. */
  readonly model: TagMap;
}

/** No tags on any layer (the view before the first successful load). */
export const EMPTY_LAYERS: TagLayers = { endpoint: {}, endpointConfig: {}, model: {} };

/** One map of all layers' tags; on a key conflict the Endpoint wins over the EndpointConfig over the Model. */
export function mergeLayers(layers: TagLayers): TagMap {
  return { ...layers.model, ...layers.endpointConfig, ...layers.endpoint };
}
