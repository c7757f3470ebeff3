// The bench's chart: throughput of every scenario as horizontal bars, an SVG drawn from the results
// file (bench/chart.svg, shown in docs/bench.md).
import { formatInteger } from "./format";
import type { ResultsFile } from "./results-file";

/** One bar. */
export interface Bar {
  /** Text left of the bar. */
  label: string;
  /** Requests per second. */
  value: number;
  /** Which family the bar belongs to (its colour). */
  family: "bare" | "ours" | "seed" | "peer";
}

const COLOURS: Record<Bar["family"], string> = { bare: "#8c8c8c", ours: "#2f6fb3", seed: "#c0392b", peer: "#e08e0b" };

/** The bars of a run, in the order of the results table. */
export function chartBars(r: ResultsFile): Bar[] {
  const s = r.scenarios;
  const workers = Object.keys(s.oursWorkers).sort((a, b) => Number(a) - Number(b));
  return [
    { label: "bare node:http + handler", value: s.bare.requestsPerSecond, family: "bare" },
    { label: "ours, tags off", value: s.oursTagsOff.requestsPerSecond, family: "ours" },
    { label: "ours", value: s.ours.requestsPerSecond, family: "ours" },
    { label: "seed (per-request lookup)", value: s.seed.requestsPerSecond, family: "seed" },
    ...workers.map((n): Bar => ({ label: `ours x${n}`, value: s.oursWorkers[n].requestsPerSecond, family: "ours" })),
    ...workers.filter((n) => s.peerWorkers[n]).map((n): Bar => ({ label: `peer Flask+gunicorn x${n}`, value: s.peerWorkers[n].requestsPerSecond, family: "peer" })),
  ];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The SVG for `bars`, with `title` above them. */
export function renderChart(bars: readonly Bar[], title: string): string {
  const labelWidth = 200;
  const barArea = 460;
  const rowHeight = 26;
  const top = 40;
  const width = labelWidth + barArea + 110;
  const height = top + bars.length * rowHeight + 20;
  const max = Math.max(1, ...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const length = Number.isFinite(bar.value) ? Math.max(1, (bar.value / max) * barArea) : 0;
    return [
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${length.toFixed(1)}" height="${rowHeight - 8}" fill="${COLOURS[bar.family]}"/>`,
      `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 16}">${formatInteger(bar.value)} req/s</text>`,
    ].join("");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...rows,
    "</svg>",
    "",
  ].join("\n");
}

/** The chart of a run. */
export function renderResultsChart(r: ResultsFile): string {
  return renderChart(chartBars(r), `Throughput (2xx req/s), ${r.settings.connections} connections, ${r.settings.durationSeconds} s each, ${r.date.slice(0, 10)}`);
}
