/**
 * The containers behind each endpoint, one per fleet and production variant. A fleet is the set of
 * instances one endpoint configuration launched; in the emulator each of its variants is one container
 * base URL, optionally with a way to stop it. A container attached without a variant serves every variant
 * of its config; one attached without a config name serves whatever config the endpoint runs (the
 * emulator's original single-container mode).
 */

/** What SageMaker would start a fleet's instances with. */
export interface FleetSpec {
  /** The endpoint the fleet serves. */
  endpointName: string;
  /** The endpoint configuration that launches the fleet. */
  configName: string;
  /** The production variant these instances serve. */
  variantName: string;
  /** The variant's model. */
  modelName: string;
  /** That model's primary container environment. */
  environment: Record<string, string>;
}

/** A running fleet. */
export interface LaunchedFleet {
  /** Base URL of its container, `http://host:port`. */
  url: string;
  /** Stops the container (SageMaker terminating the fleet's instances). */
  stop(): Promise<void>;
}

/** Starts a fleet's container and resolves once it listens (its health check is the emulator's). */
export type FleetLauncher = (spec: FleetSpec) => Promise<LaunchedFleet>;

/** How a container is attached. */
export interface AttachOptions {
  /** The config whose fleet this container is; default: any config the endpoint runs. */
  configName?: string;
  /** The production variant this container serves; default: every variant of the config. */
  variantName?: string;
  /** Stops the container when the emulator terminates its fleet (after an update or a rollback). */
  stop?: () => Promise<void>;
}

interface Attached {
  url: string;
  stop?: () => Promise<void>;
}

/** Any config: the key of a container attached without a config name. */
const ANY_CONFIG = "";

/** The key of a config's container for `variantName` (all variants when undefined); names are case-insensitive. */
function fleetKey(configName: string, variantName: string | undefined): string {
  return `${configName.toLowerCase()}/${variantName?.toLowerCase() ?? ""}`;
}

/** The attached containers, by lower-cased endpoint name and {@link fleetKey}. */
export class FleetRegistry {
  private readonly byEndpoint = new Map<string, Map<string, Attached>>();

  /** Attaches `url` to `endpointName` (replacing what the same endpoint and config had). */
  attach(endpointName: string, url: string, options: AttachOptions = {}): void {
    const key = endpointName.toLowerCase();
    const fleets = this.byEndpoint.get(key) ?? new Map<string, Attached>();
    const fleetId = options.configName === undefined ? ANY_CONFIG : fleetKey(options.configName, options.variantName);
    fleets.set(fleetId, { url, stop: options.stop });
    this.byEndpoint.set(key, fleets);
  }

  /**
   * The container URL of variant `variantName` of `configName`'s fleet of `endpointName`, else the fleet's
   * container for all its variants, else the one attached for any config.
   */
  url(endpointName: string, configName: string | undefined, variantName?: string): string | undefined {
    const fleets = this.byEndpoint.get(endpointName.toLowerCase());
    const own = configName === undefined ? undefined : (fleets?.get(fleetKey(configName, variantName)) ?? fleets?.get(fleetKey(configName, undefined)));
    return own?.url ?? fleets?.get(ANY_CONFIG)?.url;
  }

  /** Whether `configName`'s fleet of `endpointName` has a container of its own. */
  has(endpointName: string, configName: string): boolean {
    return this.keysOf(endpointName, configName).length > 0;
  }

  /** Detaches `configName`'s fleet of `endpointName` and stops its containers (when they can be stopped). */
  async terminate(endpointName: string, configName: string): Promise<void> {
    const fleets = this.byEndpoint.get(endpointName.toLowerCase());
    const stopping = this.keysOf(endpointName, configName).map((key) => {
      const fleet = fleets?.get(key);
      fleets?.delete(key);
      return fleet?.stop?.();
    });
    await Promise.all(stopping);
  }

  /** The keys of `configName`'s containers of `endpointName`. */
  private keysOf(endpointName: string, configName: string): string[] {
    const prefix = fleetKey(configName, undefined);
    return [...(this.byEndpoint.get(endpointName.toLowerCase())?.keys() ?? [])].filter((key) => key.startsWith(prefix));
  }

  /** Stops every stoppable container and forgets all (the emulator closing). */
  async terminateAll(): Promise<void> {
    const all = [...this.byEndpoint.values()].flatMap((fleets) => [...fleets.values()]);
    this.byEndpoint.clear();
    await Promise.all(all.map((fleet) => fleet.stop?.()));
  }
}
