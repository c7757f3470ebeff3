import { ModelArtifacts, inheritArtifacts, parseModelArtifacts } from "./artifacts";
import { Tags, parseUserTags } from "./tags";
import { ConfigPath, readJson, readObject, readString, show } from "./values";
import { parseVariantEnvironment } from "./variant-environment";
import { Variant, parseCapacity, parseVariant } from "./variant";

/** The variant name of the one-variant shorthand (config `variant`), the SageMaker SDK's default name. */
export const SHORTHAND_VARIANT_NAME = "AllTraffic";

/** SageMaker's rule for a production variant name (`VariantName`). */
const VARIANT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** SageMaker allows at most this many production variants in one endpoint configuration. */
const MAX_VARIANTS = 10;

/**
 * One production variant of the endpoint (an element of config `variants`, or the `variant` shorthand).
 * Its {@link ModelArtifacts} are its own (`variants[i].imageUri`, `modelDataUrl`, `model.path`) over the
 * stack's keys of the same names; the shorthand's are the stack's.
 */
export interface ProductionVariantSettings extends ModelArtifacts {
  /** The variant name, unique within the endpoint (required in `variants`; the shorthand's is `AllTraffic`). */
  name: string;
  /** The variant's share of traffic relative to the others' weights, >= 0 (default 1). */
  initialWeight: number;
  /** Serverless or instance capacity, with optional autoscaling for instances (required). */
  capacity: Variant;
  /** The variant's own tags, merged over the stack's on its Model, e.g. its own `ModelVersion` (default: none). */
  tags: Tags;
  /**
   * Extra variables of the variant's Model container environment (config `variants[i].environment`,
   * default: none); never one the program or the platform sets.
   */
  environment: Record<string, string>;
}

/** Fields of one element of config `variants`. */
const VARIANT_FIELDS = ["name", "initialWeight", "tags", "imageUri", "modelDataUrl", "model", "environment", "serverless", "instance"] as const;

/**
 * Reads the endpoint's production variants from config `variants` (a list) or `variant` (the one-variant
 * shorthand named `AllTraffic` with weight 1); exactly one of the two must be set. Each variant's artifacts
 * are its own over `stack`'s (see {@link inheritArtifacts}). In `variants`: 1 to
 * {@link MAX_VARIANTS} variants, names valid and unique (ignoring case), weights >= 0 and not all zero, and
 * serverless only for a single variant (SageMaker's serverless feature exclusions list multiple variants).
 */
export function parseProductionVariants(
  variantsPath: ConfigPath,
  variantsText: string | undefined,
  variantPath: ConfigPath,
  variantText: string | undefined,
  stack: ModelArtifacts,
): ProductionVariantSettings[] {
  if (variantsText !== undefined && variantText !== undefined) {
    throw variantsPath.error(`and ${variantPath.key} are both set; set variants for several variants or variant for one`);
  }
  if (variantText !== undefined) {
    return [{ name: SHORTHAND_VARIANT_NAME, initialWeight: 1, capacity: parseVariant(variantPath, variantText), tags: {}, ...stack, environment: {} }];
  }
  if (variantsText === undefined) {
    throw variantPath.error("is required; set variant.serverless or variant.instance, or a list of variants");
  }
  const list = readJson(variantsPath, variantsText);
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_VARIANTS) {
    throw variantsPath.error(`must be a list of 1 to ${MAX_VARIANTS} variants, got ${show(list)}`);
  }
  const variants = list.map((value, index) => parseProductionVariant(variantsPath.index(index), value, stack));
  variants.forEach((variant, index) => {
    const earlier = variants.findIndex((other) => other.name.toLowerCase() === variant.name.toLowerCase());
    if (earlier !== index) {
      throw variantsPath.index(index).field("name").error(`"${variant.name}" is already the name of variants[${earlier}]`);
    }
    if (variants.length > 1 && variant.capacity.kind === "serverless") {
      throw variantsPath
        .index(index)
        .field("serverless")
        .error("is not allowed with several variants: SageMaker serverless endpoints have one production variant");
    }
  });
  if (variants.every((variant) => variant.initialWeight === 0)) {
    throw variantsPath.error("has only zero initialWeight values; at least one variant must get traffic");
  }
  return variants;
}

function parseProductionVariant(path: ConfigPath, value: unknown, stack: ModelArtifacts): ProductionVariantSettings {
  const fields = readObject(path, value, VARIANT_FIELDS);
  const namePath = path.field("name");
  const name = readString(namePath, fields.name);
  if (!VARIANT_NAME.test(name)) {
    throw namePath.error(`must be 1 to 63 letters, digits and inner hyphens, got ${show(name)}`);
  }
  const weightPath = path.field("initialWeight");
  const initialWeight = fields.initialWeight ?? 1;
  if (typeof initialWeight !== "number" || !Number.isFinite(initialWeight) || initialWeight < 0) {
    throw weightPath.error(`must be a number >= 0, got ${show(initialWeight)}`);
  }
  const tags = fields.tags === undefined ? {} : parseUserTags(path.field("tags"), JSON.stringify(fields.tags));
  const own = parseModelArtifacts(
    (key) => path.field(key),
    (key) => {
      const field = fields[key];
      if (field === undefined) return undefined;
      return key === "model" ? JSON.stringify(field) : readString(path.field(key), field);
    },
  );
  const environment = parseVariantEnvironment(path.field("environment"), fields.environment);
  return { name, initialWeight, capacity: parseCapacity(path, fields), tags, ...inheritArtifacts(own, stack), environment };
}
