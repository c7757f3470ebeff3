/**
 * Tag drift as a pure comparison: the tags a stack's config says each SageMaker layer carries against
 * the tags the layer carries live, as a list of differences.
 */

/** The three tagged SageMaker layers of a stack, in the order they are reported. */
export const LAYERS = ["endpoint", "endpointConfig", "model"] as const;

/** One tagged SageMaker layer. */
export type Layer = (typeof LAYERS)[number];

/** A tag map per layer. */
export type TagsByLayer = Record<Layer, Record<string, string>>;

/** How a live tag differs from the expected one. */
export type DriftKind = "missing" | "unexpected" | "changed";

/** One difference between expected and live tags. */
export interface TagDifference {
  /** The layer the tag is on. */
  layer: Layer;
  /** The tag key. */
  key: string;
  /** `missing`: expected but absent live; `unexpected`: live but not expected; `changed`: values differ. */
  kind: DriftKind;
  /** The value the stack config says; undefined for `unexpected`. */
  expected?: string;
  /** The live value; undefined for `missing`. */
  live?: string;
}

/**
 * Keys with the reserved `aws:` prefix are set by AWS itself (for example by CloudFormation or
 * Service Catalog); no stack can own them, so they are never reported as unexpected.
 */
function isAwsReserved(key: string): boolean {
  return key.toLowerCase().startsWith("aws:");
}

/** Differences in one layer, sorted by key. */
function compareLayer(layer: Layer, expected: Record<string, string>, live: Record<string, string>): TagDifference[] {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(live)])].sort();
  const differences: TagDifference[] = [];
  for (const key of keys) {
    const has = { expected: Object.hasOwn(expected, key), live: Object.hasOwn(live, key) };
    if (has.expected && !has.live) {
      differences.push({ layer, key, kind: "missing", expected: expected[key] });
    } else if (!has.expected && has.live && !isAwsReserved(key)) {
      differences.push({ layer, key, kind: "unexpected", live: live[key] });
    } else if (has.expected && has.live && expected[key] !== live[key]) {
      differences.push({ layer, key, kind: "changed", expected: expected[key], live: live[key] });
    }
  }
  return differences;
}

/** Every difference between expected and live tags, layer by layer ({@link LAYERS} order), then by key. */
export function compareTags(expected: TagsByLayer, live: TagsByLayer): TagDifference[] {
  return LAYERS.flatMap((layer) => compareLayer(layer, expected[layer], live[layer]));
}

/** Renders differences as an aligned text table, or a one-line "no drift" message when there are none. */
export function formatDriftTable(differences: TagDifference[]): string {
  if (differences.length === 0) return "no tag drift: every layer carries exactly the tags the stack config says";
  const header = ["LAYER", "KEY", "DRIFT", "EXPECTED", "LIVE"];
  const rows = differences.map((d) => [d.layer, d.key, d.kind, d.expected ?? "-", d.live ?? "-"]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const render = (row: string[]): string => row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  return [render(header), ...rows.map(render)].join("\n");
}
