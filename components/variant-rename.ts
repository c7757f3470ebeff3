// Refuses, at preview, a guarded blue/green update that changes the variant names. SageMaker's deployment
// guardrails (Exclusions page): "When doing a blue/green or rolling deployment, your new endpoint
// configuration must have the same variant name as the old endpoint configuration." The program reads the
// names of the last update from the stack's own outputs (stack output `variantNames`).
import { SHORTHAND_VARIANT_NAME, Settings } from "./settings";

/** The stack output that holds the production variants' names, in config order. */
export const VARIANT_NAMES_OUTPUT = "variantNames";

/**
 * The one-line refusal of an update with `deployment` (blue/green guardrails) whose set of variant names
 * differs from the last update's: a renamed, added or removed variant (SageMaker requires the same names;
 * the order does not matter). Undefined when the names are the same, without `deployment`, or when the
 * previous outputs have no names (a first deployment, or an older program).
 */
export function variantRenameRefusal(previous: Record<string, unknown>, settings: Pick<Settings, "project" | "deployment" | "variants">): string | undefined {
  const old = previous[VARIANT_NAMES_OUTPUT];
  if (!settings.deployment || !Array.isArray(old) || !old.every((name) => typeof name === "string")) return undefined;
  const next = settings.variants.map((variant) => variant.name);
  const oldSet = new Set<string>(old);
  if (oldSet.size === next.length && next.every((name) => oldSet.has(name))) return undefined;
  const { project } = settings;
  const shorthand = next.length === 1 && next[0] === SHORTHAND_VARIANT_NAME;
  const list = (names: readonly string[]) => `[${names.join(", ")}]`;
  return (
    `${project}:${shorthand ? "variant" : "variants"}: changes the variant names from ${list(old)} to ${list(next)} in a blue/green ` +
    `update (${project}:deployment), and SageMaker requires the new endpoint configuration to keep the old variant names. ` +
    `Keep the names ${list(old)}, or remove ${project}:deployment for the update that changes them (SageMaker then ` +
    "shifts all traffic at once, without guardrails) and restore it in the next update."
  );
}
