// Number formatting shared by progress lines, the targets and the README table.

/** Whole number with thousands separators, e.g. 12,345. */
export function formatInteger(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a";
}

/** Fixed decimals, or "n/a" for a missing (NaN) value. */
export function formatFixed(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : "n/a";
}

/** Bytes as decimal megabytes (1 MB = 1,000,000 bytes), two decimals. */
export function formatMegabytes(bytes: number): string {
  return `${formatFixed(bytes / 1e6, 2)} MB`;
}
