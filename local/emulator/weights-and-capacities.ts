/**
 * UpdateEndpointWeightsAndCapacities' `DesiredWeightsAndCapacities`, checked as SageMaker's API model
 * states it (`DesiredWeight` a Float >= 0, `DesiredInstanceCount` an Integer >= 0,
 * `ServerlessUpdateConfig.MaxConcurrency` and `.ProvisionedConcurrency` 1..200, `VariantName` a variant
 * name), then against the endpoint: every item names one of its variants, an instance count only for an
 * instance variant, a serverless update only for a serverless variant, provisioned concurrency at most
 * the maximum concurrency. AWS documents those last rules but not the wording of their errors; the
 * wording here is the emulator's. An accepted request makes the endpoint `Updating` with the result as
 * its desired values; after {@link CAPACITY_UPDATE_SECONDS} (scaled by the deployment time factor) they
 * become the running fleet's current values (no new fleet) and the endpoint is `InService` again.
 */
import { validationException } from "./aws-error";
import { Constraints, JsonObject, NAME_RULES, asObject, listMemberPath, memberPath } from "./constraints";
import type { OperationContext } from "./operation";
import type { StoredEndpoint, VariantCapacities } from "./store";
import { epochSeconds } from "./wire";

const LIST = "DesiredWeightsAndCapacities";

/** The largest `MaxConcurrency` and `ProvisionedConcurrency` of a serverless variant (AWS's model). */
const MAX_CONCURRENCY = 200;

/**
 * Seconds an accepted update stays `Updating` before it completes, times the deployment time factor
 * (AWS publishes no duration; this one is the emulator's).
 */
export const CAPACITY_UPDATE_SECONDS = 30;

/** Reads and checks the request's `DesiredWeightsAndCapacities` (1 or more items) into `c`. */
export function readDesiredWeightsAndCapacities(c: Constraints, input: JsonObject): JsonObject[] {
  return (c.list(input, LIST, { required: true, min: 1 }) ?? []).map((item, index) => {
    const desired = asObject(item, `${LIST}.${index + 1}`);
    const parent = listMemberPath(LIST, index);
    c.string(desired, "VariantName", NAME_RULES, memberPath("VariantName", parent));
    c.float(desired, "DesiredWeight", 0, memberPath("DesiredWeight", parent));
    c.integer(desired, "DesiredInstanceCount", 0, undefined, memberPath("DesiredInstanceCount", parent));
    if (desired.ServerlessUpdateConfig !== undefined) {
      const serverless = asObject(desired.ServerlessUpdateConfig, "ServerlessUpdateConfig");
      const path = memberPath("ServerlessUpdateConfig", parent);
      c.integer(serverless, "MaxConcurrency", 1, MAX_CONCURRENCY, memberPath("MaxConcurrency", path));
      c.integer(serverless, "ProvisionedConcurrency", 1, MAX_CONCURRENCY, memberPath("ProvisionedConcurrency", path));
    }
    return desired;
  });
}

/**
 * Starts updating `endpoint` (InService) to checked `desired` items over its current values: `Updating`
 * with them as desired values, then they are current and it is `InService` (no other update is accepted
 * meanwhile). Throws (changing nothing) when an item does not fit the endpoint's variants.
 */
export function startCapacityUpdate(endpoint: StoredEndpoint, desired: JsonObject[], { deployments, now }: OperationContext): void {
  const update = desiredCapacities(endpoint, desired);
  endpoint.capacityUpdate = update;
  endpoint.lastModifiedTime = epochSeconds(now());
  deployments.after(CAPACITY_UPDATE_SECONDS, () => {
    Object.assign(endpoint, update, { capacityUpdate: undefined, lastModifiedTime: epochSeconds(now()) });
  });
}

/** `endpoint`'s current weights, instance counts and serverless configs with checked `desired` items applied. */
function desiredCapacities(endpoint: StoredEndpoint, desired: JsonObject[]): VariantCapacities {
  const weights = { ...endpoint.weights };
  const instanceCounts = { ...endpoint.instanceCounts };
  const serverlessConfigs = { ...endpoint.serverlessConfigs };
  for (const item of desired) {
    const name = String(item.VariantName);
    const variant = variantNamed(endpoint, name);
    const configured = variant.ServerlessConfig as JsonObject | undefined;
    if (typeof item.DesiredWeight === "number") weights[name] = item.DesiredWeight;
    if (typeof item.DesiredInstanceCount === "number") {
      if (configured !== undefined) {
        throw validationException(`Variant ${name} of endpoint ${endpoint.name} is serverless: DesiredInstanceCount applies to instance variants only (use ServerlessUpdateConfig).`);
      }
      instanceCounts[name] = item.DesiredInstanceCount;
    }
    if (item.ServerlessUpdateConfig !== undefined) {
      if (configured === undefined) {
        throw validationException(`Variant ${name} of endpoint ${endpoint.name} runs on instances: ServerlessUpdateConfig applies to serverless variants only (use DesiredInstanceCount).`);
      }
      serverlessConfigs[name] = serverlessUpdate(name, { ...configured, ...serverlessConfigs[name] }, item.ServerlessUpdateConfig as JsonObject);
    }
  }
  return { weights, instanceCounts, serverlessConfigs };
}

/** The variant `name` of the endpoint's config, or the emulator's ValidationException naming its variants. */
function variantNamed(endpoint: StoredEndpoint, name: string): JsonObject {
  const variant = endpoint.variants.find((candidate) => candidate.VariantName === name);
  if (variant !== undefined) return variant;
  const names = endpoint.variants.map((candidate) => String(candidate.VariantName));
  throw validationException(`Endpoint ${endpoint.name} has no production variant named ${name} (variants: ${names.join(", ")}).`);
}

/** `current` serverless config with `update` applied; provisioned concurrency must not exceed the maximum. */
function serverlessUpdate(name: string, current: JsonObject, update: JsonObject): JsonObject {
  const next = { ...current, ...Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined && value !== null)) };
  const provisioned = next.ProvisionedConcurrency;
  const max = next.MaxConcurrency;
  if (typeof provisioned === "number" && typeof max === "number" && provisioned > max) {
    throw validationException(`ProvisionedConcurrency (${provisioned}) of variant ${name} must be less than or equal to MaxConcurrency (${max}).`);
  }
  return next;
}
