/**
 * Reads every layer of an image from podman's store (`podman save`): the paths each layer holds and, for
 * layers other than the base's, the SHA-256 of each regular file, so a test can look for files that must
 * not be there.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { podmanEnvironment } from "../../local/podman-env";

const run = promisify(execFile);

/** One layer of an image. */
export interface Layer {
  /** The layer's diff id (`sha256:...`). */
  id: string;
  /** Whether the layer comes from the base image. */
  base: boolean;
  /** Every path in the layer, without a leading `./`. */
  paths: string[];
  /** SHA-256 (hex) of every regular file, by path; empty for base layers (not hashed: 260 MB of Debian). */
  hashes: Map<string, string>;
}

/** The diff ids of an image's layers, bottom first. */
async function layerIds(image: string): Promise<string[]> {
  const { stdout } = await run("podman", ["image", "inspect", "--format", "{{json .RootFS.Layers}}", image], { env: podmanEnvironment() });
  return JSON.parse(stdout) as string[];
}

/** SHA-256 of every regular file under `dir`, keyed by path relative to it. */
async function hashFiles(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hashes.set(path.relative(dir, file), createHash("sha256").update(await readFile(file)).digest("hex"));
  }
  return hashes;
}

/** SHA-256 (hex) of a file's content. */
export async function fileHash(file: string): Promise<string> {
  return createHash("sha256").update(await readFile(file)).digest("hex");
}

/** Every layer of `image`; those shared with `baseImage` are listed but not hashed. */
export async function imageLayers(image: string, baseImage: string): Promise<Layer[]> {
  const baseIds = new Set(await layerIds(baseImage));
  const dir = await mkdtemp(path.join(tmpdir(), "image-layers-"));
  try {
    const archive = path.join(dir, "image.tar");
    await run("podman", ["save", "--quiet", "--format", "docker-archive", "--output", archive, image], { env: podmanEnvironment() });
    const manifest = JSON.parse((await run("tar", ["-xOf", archive, "manifest.json"])).stdout) as { Layers: string[] }[];
    const ids = await layerIds(image);
    const layers: Layer[] = [];
    for (const [index, member] of manifest[0].Layers.entries()) {
      const id = ids[index];
      const base = baseIds.has(id);
      const listing = await run("sh", ["-c", 'tar -xOf "$0" "$1" | tar -t', archive, member], { maxBuffer: 256 * 1024 * 1024 });
      const paths = listing.stdout.split("\n").filter(Boolean).map((entry) => entry.replace(/^\.\//, ""));
      let hashes = new Map<string, string>();
      if (!base) {
        const target = path.join(dir, `layer-${index}`);
        await mkdir(target);
        await run("sh", ["-c", 'tar -xOf "$0" "$1" | tar -x -C "$2"', archive, member, target]);
        hashes = await hashFiles(target);
      }
      layers.push({ id, base, paths, hashes });
    }
    return layers;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
