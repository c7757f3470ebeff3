/**
 * The containers behind each endpoint, one per fleet. A fleet is the set of instances one endpoint
 * configuration launched; in the emulator it is one container base URL, optionally with a way to stop
 * it. Containers attached without a config name serve whatever config the endpoint runs (the emulator's
 * original single-container mode).
 */

/** What SageMaker would start a fleet's instances with. */
export interface FleetSpec {
  /** The endpoint the fleet serves. */
  endpointName: string;
  /** The endpoint configuration that launches the fleet. */
  configName: string;
  /** The model of the configuration's first production variant. */
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
  /** Stops the container when the emulator terminates its fleet (after an update or a rollback). */
  stop?: () => Promise<void>;
}

interface Attached {
  url: string;
  stop?: () => Promise<void>;
}

/** Any config: the key of a container attached without a config name. */
const ANY_CONFIG = "";

/** The attached containers, by lower-cased endpoint name and lower-cased config name. */
export class FleetRegistry {
  private readonly byEndpoint = new Map<string, Map<string, Attached>>();

  /** Attaches `url` to `endpointName` (replacing what the same endpoint and config had). */
  attach(endpointName: string, url: string, options: AttachOptions = {}): void {
    const key = endpointName.toLowerCase();
    const fleets = this.byEndpoint.get(key) ?? new Map<string, Attached>();
    fleets.set(options.configName?.toLowerCase() ?? ANY_CONFIG, { url, stop: options.stop });
    this.byEndpoint.set(key, fleets);
  }

  /** The container URL of `configName`'s fleet of `endpointName`, else the one attached for any config. */
  url(endpointName: string, configName: string | undefined): string | undefined {
    const fleets = this.byEndpoint.get(endpointName.toLowerCase());
    return (configName === undefined ? undefined : fleets?.get(configName.toLowerCase()))?.url ?? fleets?.get(ANY_CONFIG)?.url;
  }

  /** Whether `configName`'s fleet of `endpointName` has a container of its own. */
  has(endpointName: string, configName: string): boolean {
    return this.byEndpoint.get(endpointName.toLowerCase())?.has(configName.toLowerCase()) ?? false;
  }

  /** Detaches `configName`'s fleet of `endpointName` and stops its container (when it can be stopped). */
  async terminate(endpointName: string, configName: string): Promise<void> {
    const fleets = this.byEndpoint.get(endpointName.toLowerCase());
    const fleet = fleets?.get(configName.toLowerCase());
    if (fleet === undefined) return;
    fleets?.delete(configName.toLowerCase());
    await fleet.stop?.();
  }

  /** Stops every stoppable container and forgets all (the emulator closing). */
  async terminateAll(): Promise<void> {
    const all = [...this.byEndpoint.values()].flatMap((fleets) => [...fleets.values()]);
    this.byEndpoint.clear();
    await Promise.all(all.map((fleet) => fleet.stop?.()));
  }
}
