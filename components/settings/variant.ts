import { ConfigPath, readInteger, readJson, readObject, readPositiveNumber, readString } from "./values";

/** Serverless memory sizes SageMaker accepts (MB). */
const SERVERLESS_MEMORY_SIZES_MB: readonly number[] = [1024, 2048, 3072, 4096, 5120, 6144];

const INSTANCE_TYPE = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;

/** A serverless production variant (config `variant.serverless`). */
export interface ServerlessVariant {
  /** Discriminator. */
  kind: "serverless";
  /** Memory of each serverless worker in MB: 1024..6144 in steps of 1024 (required). */
  memorySizeInMb: number;
  /** Concurrent invocations the endpoint serves before throttling: 1..200 (required). */
  maxConcurrency: number;
}

/** Application Auto Scaling of an instance variant (config `variant.instance.autoscaling`). */
export interface Autoscaling {
  /** Fewest instances, >= 1 (required). */
  minCapacity: number;
  /** Most instances, >= minCapacity (required). */
  maxCapacity: number;
  /** Target of `SageMakerVariantInvocationsPerInstance` per minute, > 0 (required). */
  targetInvocationsPerInstance: number;
  /** Seconds after a scale-in before the next one (default 300). */
  scaleInCooldownSeconds: number;
  /** Seconds after a scale-out before the next one (default 60). */
  scaleOutCooldownSeconds: number;
}

/** An instance-backed production variant (config `variant.instance`). */
export interface InstanceVariant {
  /** Discriminator. */
  kind: "instance";
  /** ML instance type such as `ml.m5.large` (required). */
  instanceType: string;
  /** Instances at creation, >= 1 and within the autoscaling bounds when those are set (required). */
  initialInstanceCount: number;
  /** Target-tracking autoscaling (default: none, the count stays fixed). */
  autoscaling?: Autoscaling;
}

/** The capacity of a production variant: serverless or instances. */
export type Variant = ServerlessVariant | InstanceVariant;

/** Reads config `variant`: exactly one of `serverless` or `instance`. */
export function parseVariant(path: ConfigPath, text: string): Variant {
  return parseCapacity(path, readObject(path, readJson(path, text), ["serverless", "instance"]));
}

/** Reads the capacity of a variant: exactly one of the fields `serverless` or `instance` of `variant`. */
export function parseCapacity(path: ConfigPath, variant: Record<string, unknown>): Variant {
  if ((variant.serverless === undefined) === (variant.instance === undefined)) {
    throw path.error("must set exactly one of serverless or instance");
  }
  return variant.serverless !== undefined
    ? parseServerless(path.field("serverless"), variant.serverless)
    : parseInstance(path.field("instance"), variant.instance);
}

function parseServerless(path: ConfigPath, value: unknown): ServerlessVariant {
  const fields = readObject(path, value, ["memorySizeInMb", "maxConcurrency"]);
  const memoryPath = path.field("memorySizeInMb");
  const memorySizeInMb = readInteger(memoryPath, fields.memorySizeInMb, { min: 1024, max: 6144 });
  if (!SERVERLESS_MEMORY_SIZES_MB.includes(memorySizeInMb)) {
    throw memoryPath.error(`must be one of ${SERVERLESS_MEMORY_SIZES_MB.join(", ")}, got ${memorySizeInMb}`);
  }
  const maxConcurrency = readInteger(path.field("maxConcurrency"), fields.maxConcurrency, { min: 1, max: 200 });
  return { kind: "serverless", memorySizeInMb, maxConcurrency };
}

function parseInstance(path: ConfigPath, value: unknown): InstanceVariant {
  const fields = readObject(path, value, ["instanceType", "initialInstanceCount", "autoscaling"]);
  const typePath = path.field("instanceType");
  const instanceType = readString(typePath, fields.instanceType);
  if (!INSTANCE_TYPE.test(instanceType)) {
    throw typePath.error(`must be a SageMaker instance type such as ml.m5.large, got "${instanceType}"`);
  }
  const countPath = path.field("initialInstanceCount");
  const initialInstanceCount = readInteger(countPath, fields.initialInstanceCount, { min: 1 });
  if (fields.autoscaling === undefined) {
    return { kind: "instance", instanceType, initialInstanceCount };
  }
  const autoscaling = parseAutoscaling(path.field("autoscaling"), fields.autoscaling);
  if (initialInstanceCount < autoscaling.minCapacity || initialInstanceCount > autoscaling.maxCapacity) {
    throw countPath.error(
      `must be within autoscaling minCapacity..maxCapacity (${autoscaling.minCapacity}..${autoscaling.maxCapacity}), ` +
        `got ${initialInstanceCount}`,
    );
  }
  return { kind: "instance", instanceType, initialInstanceCount, autoscaling };
}

function parseAutoscaling(path: ConfigPath, value: unknown): Autoscaling {
  const fields = readObject(path, value, [
    "minCapacity",
    "maxCapacity",
    "targetInvocationsPerInstance",
    "scaleInCooldownSeconds",
    "scaleOutCooldownSeconds",
  ]);
  const minCapacity = readInteger(path.field("minCapacity"), fields.minCapacity, { min: 1 });
  const maxPath = path.field("maxCapacity");
  const maxCapacity = readInteger(maxPath, fields.maxCapacity, { min: 1 });
  if (maxCapacity < minCapacity) {
    throw maxPath.error(`must be >= minCapacity (${minCapacity}), got ${maxCapacity}`);
  }
  return {
    minCapacity,
    maxCapacity,
    targetInvocationsPerInstance: readPositiveNumber(
      path.field("targetInvocationsPerInstance"),
      fields.targetInvocationsPerInstance,
    ),
    scaleInCooldownSeconds: readInteger(path.field("scaleInCooldownSeconds"), fields.scaleInCooldownSeconds ?? 300, {
      min: 0,
    }),
    scaleOutCooldownSeconds: readInteger(path.field("scaleOutCooldownSeconds"), fields.scaleOutCooldownSeconds ?? 60, {
      min: 0,
    }),
  };
}
