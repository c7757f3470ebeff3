/**
 * A reproducible `model.tar.gz` of a directory: the same files give the same bytes on every run and every
 * machine with the same Node release. Entries come in sorted name order, depth first (a directory, then
 * its contents);
 * every entry is owned by root:root with mtime 0 and mode 0644 (files) or 0755 (directories); no host
 * metadata (no user names, times, extended attributes, PAX headers). The gzip header has mtime 0, no file
 * name and OS 255 ("unknown").
 */
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { BLOCK, encodeHeader } from "./tar-header";

/** A packed model directory. */
export interface PackedDirectory {
  /** The gzip-compressed tar. */
  readonly archive: Buffer;
  /** SHA-256 (hex) of the uncompressed tar: it names the contents, whatever the compressor writes. */
  readonly contentHash: string;
  /** Paths inside the archive, in archive order. */
  readonly entries: readonly string[];
}

/** Tar archives end on a 10 KiB record (GNU tar's default blocking factor 20). */
const RECORD = 20 * BLOCK;

/**
 * Packs `dir` (its contents, without the directory itself: `model.onnx` at the archive's root, as
 * SageMaker unpacks it into `/opt/ml/model`). Symbolic links and other special files are refused with an
 * error naming them; an empty directory is refused too.
 */
export function packDirectory(dir: string): PackedDirectory {
  const entries = listEntries(dir, "");
  if (!entries.some((entry) => !entry.endsWith("/"))) throw new Error(`${dir} holds no files to archive`);
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    if (entry.endsWith("/")) {
      blocks.push(encodeHeader({ path: entry, type: "directory", size: 0, mode: 0o755, linkName: "" }));
      continue;
    }
    const content = readFileSync(join(dir, entry));
    blocks.push(encodeHeader({ path: entry, type: "file", size: content.length, mode: 0o644, linkName: "" }), content);
    blocks.push(Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK));
  }
  blocks.push(Buffer.alloc(2 * BLOCK));
  const length = blocks.reduce((total, block) => total + block.length, 0);
  blocks.push(Buffer.alloc((RECORD - (length % RECORD)) % RECORD));
  const tar = Buffer.concat(blocks);
  return { archive: gzip(tar), contentHash: createHash("sha256").update(tar).digest("hex"), entries };
}

/** Gzip with a fixed header (mtime 0, no name, OS unknown), deflate at level 9, CRC-32 and size trailer. */
function gzip(data: Buffer): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length % 2 ** 32, 4);
  return Buffer.concat([header, deflateRawSync(data, { level: 9 }), trailer]);
}

/** Every directory (with a trailing `/`) and file under `dir`, relative, `/`-separated, sorted. */
function listEntries(root: string, relative: string): string[] {
  const names = readdirSync(join(root, relative)).sort();
  return names.flatMap((name) => {
    const path = relative + name;
    const stat = lstatSync(join(root, path));
    if (stat.isDirectory()) return [`${path}/`, ...listEntries(root, `${path}/`)];
    if (stat.isFile()) return [path];
    throw new Error(`${join(root, path)} is not a regular file or directory; a model archive holds only those`);
  });
}
