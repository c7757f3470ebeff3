// Reading a V8 CPU profile (`node --cpu-prof` writes one .cpuprofile per process): self time per
// function, the functions that cost the most first.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** The parts of a .cpuprofile this module reads. */
export interface CpuProfile {
  /** Call-tree nodes: an id and the function's name, script URL and 0-based line and column. */
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  /** The node each sample hit. */
  samples: number[];
  /** Microseconds before each sample (the time it stands for). */
  timeDeltas: number[];
}

/** One function's share of a profile. */
export interface SelfTime {
  /** "name file:line:column" (file name only; line and column 1-based). */
  location: string;
  /** Milliseconds of samples in the function itself. */
  selfMs: number;
  /** selfMs over the profile's whole duration, in percent. */
  percent: number;
}

/** The `top` functions by self time (idle and program time included, as V8 reports them). */
export function topSelfTime(profile: CpuProfile, top: number): SelfTime[] {
  const location = new Map<number, string>();
  for (const { id, callFrame: f } of profile.nodes) {
    const file = f.url.split("/").pop() || "(native)";
    location.set(id, `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`);
  }
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((node, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const key = location.get(node) ?? "(unknown)";
    self.set(key, (self.get(key) ?? 0) + us);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ location: where, selfMs: us / 1000, percent: total > 0 ? (us / total) * 100 : 0 }));
}

/** Reads the newest .cpuprofile in `dir`, with its path. */
export async function readNewestProfile(dir: string): Promise<{ path: string; profile: CpuProfile }> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".cpuprofile")).sort();
  const newest = names[names.length - 1];
  if (newest === undefined) throw new Error(`no .cpuprofile was written to ${dir}`);
  const path = join(dir, newest);
  return { path, profile: JSON.parse(await readFile(path, "utf8")) as CpuProfile };
}
