/** The options an emulator starts with, their defaults and their checks. */

/** Options of `SageMakerEmulator.start`. */
export interface EmulatorOptions {
  /** Interface to listen on. Default `127.0.0.1` (loopback). */
  host?: string;
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Region in every ARN. Default `us-east-1`. */
  region?: string;
  /** 12-digit account id in every ARN. Default `123456789012`. */
  accountId?: string;
  /**
   * How long a new endpoint is `Creating` before `InService`, in ms; also how long a new fleet takes to
   * create during an update when no fleet launcher is set. Default 0.
   */
  endpointCreationDelayMs?: number;
  /**
   * Multiplies every wait of a blue/green deployment (traffic activation, baking wait intervals,
   * termination wait): 1 runs them in real time, 0.01 turns 300 s into 3 s. Default 1.
   */
  deploymentTimeFactor?: number;
  /**
   * The most tags one ListTags page holds, whatever MaxResults asks for (AWS never pages fewer than 50;
   * set it lower to exercise pagination with few tags). Default 50.
   */
  listTagsPageSize?: number;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<EmulatorOptions>;

/** The defaults. */
export const DEFAULT_OPTIONS: ResolvedOptions = {
  host: "127.0.0.1",
  port: 0,
  region: "us-east-1",
  accountId: "123456789012",
  endpointCreationDelayMs: 0,
  deploymentTimeFactor: 1,
  listTagsPageSize: 50,
};

/** `options` over the defaults; throws a one-line Error naming the first bad option. */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const resolved = { ...DEFAULT_OPTIONS, ...withoutUndefined(options) };
  const { port, region, accountId, endpointCreationDelayMs, listTagsPageSize, host } = resolved;
  if (typeof host !== "string" || host === "") throw new Error(`host must be a non-empty string, got ${JSON.stringify(host)}`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be an integer 0..65535, got ${JSON.stringify(port)}`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new Error(`region must look like us-east-1, got ${JSON.stringify(region)}`);
  if (!/^\d{12}$/.test(accountId)) throw new Error(`accountId must be 12 digits, got ${JSON.stringify(accountId)}`);
  if (!(Number.isFinite(endpointCreationDelayMs) && endpointCreationDelayMs >= 0)) {
    throw new Error(`endpointCreationDelayMs must be a number >= 0, got ${JSON.stringify(endpointCreationDelayMs)}`);
  }
  if (!(Number.isFinite(resolved.deploymentTimeFactor) && resolved.deploymentTimeFactor >= 0)) {
    throw new Error(`deploymentTimeFactor must be a number >= 0, got ${JSON.stringify(resolved.deploymentTimeFactor)}`);
  }
  if (!Number.isInteger(listTagsPageSize) || listTagsPageSize < 1) {
    throw new Error(`listTagsPageSize must be a positive integer, got ${JSON.stringify(listTagsPageSize)}`);
  }
  return resolved;
}

/** `options` without the keys whose value is undefined (so they do not override a default). */
export function withoutUndefined(options: EmulatorOptions): EmulatorOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
