// What the image ships for the server, in bytes: the bundle and the model directory.
import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";

/** Sizes of the files the image carries for the server. */
export interface Footprint {
  /** The server bundle (container/dist/serve.js), in bytes. */
  bundleBytes: number;
  /** Everything under the model directory (container/model/), in bytes. */
  modelBytes: number;
  /** bundleBytes + modelBytes. */
  totalBytes: number;
}

/** Measures the bundle file and the model directory. */
export async function measureFootprint(bundlePath: string, modelDir: string): Promise<Footprint> {
  const bundleBytes = (await lstat(bundlePath)).size;
  const modelBytes = await treeBytes(modelDir, 10000);
  return { bundleBytes, modelBytes, totalBytes: bundleBytes + modelBytes };
}

/** Total size of the regular files below `dir` (symlinks not followed); throws past `maxEntries` entries. */
async function treeBytes(dir: string, maxEntries: number): Promise<number> {
  let total = 0;
  let seen = 0;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (++seen > maxEntries) throw new Error(`${dir} holds more than ${maxEntries} entries`);
      const path = join(current, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) total += (await lstat(path)).size;
    }
  }
  return total;
}
