/**
 * Physical names for resources whose program leaves the name to the provider. Pulumi auto-names
 * `<logical name>-<7 hex>`; local mode derives the hex from the logical name and the inputs instead of
 * a random source, so a run is reproducible and a changed input yields a new name (as a replacement would).
 */
import { createHash } from "node:crypto";

/** A short, stable hex digest of any JSON-serialisable values. */
export function stableHash(...values: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(values)).digest("hex");
}

/**
 * The name a resource gets: its explicit `name` input, else `namePrefix` + hex, else `<logical>-<hex>`,
 * cut to `maxLength` (SageMaker allows 63) with characters SageMaker rejects replaced by `-`. The hex
 * leaves the tags out: a tag-only change updates tags in place and never renames a resource.
 */
export function physicalName(logicalName: string, inputs: Record<string, unknown>, maxLength = 63): string {
  if (typeof inputs.name === "string" && inputs.name !== "") return inputs.name;
  const named = Object.entries(inputs).filter(([key]) => key !== "tags" && key !== "tagsAll");
  const suffix = stableHash(logicalName, named).slice(0, 7);
  const prefix = typeof inputs.namePrefix === "string" ? inputs.namePrefix : `${logicalName}-`;
  const safePrefix = prefix.replace(/[^a-zA-Z0-9-]/g, "-").slice(0, maxLength - suffix.length);
  return `${safePrefix}${suffix}`;
}
