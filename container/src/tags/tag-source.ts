/** The tag provider the settings call for: off (always `unavailable`), or a cache over the control plane. */
import type { Settings } from "../config";
import type { Logger } from "../log";
import { createSageMakerClient, type ControlPlaneObserver } from "./sagemaker-client";
import { TagCache } from "./tag-cache";
import { unavailableTags, type TagProvider, type TagState } from "./tag-provider";
import { createTagReader } from "./tag-reader";

/**
 * A tag provider whose `close` also releases its SageMaker client; `onSettled` (default none) hears the
 * state after every background load, `observer` (default none) each control-plane request.
 */
export function createTagSource(
  settings: Settings,
  log: Logger,
  onSettled?: (state: TagState) => void,
  observer?: ControlPlaneObserver,
): TagProvider {
  const { tagReading } = settings;
  if (!tagReading.enabled) {
    log.warn("tag reading disabled; responses report tagsStatus \"unavailable\"", { reason: tagReading.reason });
    return unavailableTags(tagReading.reason);
  }
  const client = createSageMakerClient(tagReading.region, settings.sageMakerEndpointUrl, observer);
  const cache = new TagCache({
    ttlSeconds: settings.tagCacheTtlSeconds,
    load: createTagReader({
      client,
      endpointName: tagReading.endpointName,
      fleet: settings.fleet,
      resolveOnce: settings.tagCacheTtlSeconds > 0,
      log,
    }),
    log,
    onSettled,
  });
  return {
    start: () => cache.start(),
    current: () => cache.current(),
    isReady: () => cache.isReady(),
    close: async () => {
      await cache.close();
      client.destroy();
    },
  };
}
