/**
 * Unpacking a `model.tar.gz` into a model directory, as SageMaker does into `/opt/ml/model`, then making
 * the directory read-only. Written here (no dependency) with the header reader the program's packer uses.
 * Every entry is checked before anything is written: an absolute path, a `..` segment, or a link whose
 * target leaves the directory (tar-slip) rejects the whole archive with an error naming the entry.
 */
import { chmodSync, copyFileSync, mkdirSync, readdirSync, lstatSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { BLOCK, decodeHeader, type TarHeader } from "../components/model-archive/tar-header";

/** An archive that cannot be unpacked safely; the message names the entry and the rule. */
export class ModelArchiveError extends Error {
  override readonly name = "ModelArchiveError";
}

/** One entry with its content, checked. */
interface CheckedEntry extends TarHeader {
  /** The normalised relative path (no leading `./`, no trailing `/`). */
  readonly relative: string;
  readonly content: Buffer;
}

/**
 * Unpacks the gzip-compressed tar `archive` into `targetDir` (created; must not exist or be empty) and
 * makes every file 0444 and every directory 0555. Returns the relative paths written, in archive order.
 */
export function unpackModelArchive(archive: Buffer, targetDir: string): string[] {
  const entries = readEntries(archive);
  mkdirSync(targetDir, { recursive: true });
  if (readdirSync(targetDir).length > 0) throw new ModelArchiveError(`${targetDir} is not empty`);
  for (const entry of entries) {
    const target = path.join(targetDir, entry.relative);
    if (entry.type === "directory") {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    if (entry.type === "file") writeFileSync(target, entry.content);
    else if (entry.type === "symlink") symlinkSync(entry.linkName, target);
    else copyFileSync(path.join(targetDir, normalise(entry.linkName)), target);
  }
  makeReadOnly(targetDir);
  return entries.map((entry) => entry.relative);
}

/** Removes a directory {@link unpackModelArchive} wrote (making it writable first). */
export function removeModelDirectory(dir: string): void {
  makeWritable(dir);
  rmSync(dir, { recursive: true, force: true });
}

function readEntries(archive: Buffer): CheckedEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch (err) {
    throw new ModelArchiveError(`the model archive is not gzip-compressed (${(err as Error).message})`);
  }
  const entries: CheckedEntry[] = [];
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    let header: TarHeader | null;
    try {
      header = decodeHeader(tar.subarray(offset, offset + BLOCK));
    } catch (err) {
      throw new ModelArchiveError(`the model archive is not a valid tar: ${(err as Error).message}`);
    }
    if (header === null) break;
    const content = tar.subarray(offset + BLOCK, offset + BLOCK + header.size);
    if (content.length < header.size) throw new ModelArchiveError(`archive entry "${header.path}" is truncated`);
    entries.push(check(header, content, entries));
    offset += BLOCK + Math.ceil(header.size / BLOCK) * BLOCK;
  }
  if (entries.length === 0) throw new ModelArchiveError("the model archive holds no entries");
  return entries;
}

/** The rules every entry must pass before anything is written. */
function check(header: TarHeader, content: Buffer, earlier: readonly CheckedEntry[]): CheckedEntry {
  const refuse = (rule: string) => new ModelArchiveError(`archive entry "${header.path}" ${rule}; refusing to unpack the model archive`);
  if (header.path.startsWith("/") || /^[A-Za-z]:/.test(header.path)) throw refuse("has an absolute path");
  if (header.path.split(/[/\\]/).includes("..")) throw refuse('has a ".." segment that leaves the model directory');
  const relative = normalise(header.path);
  if (relative === "" && header.type !== "directory") throw refuse("has an empty path");
  if (header.type === "other") throw refuse("is not a file, directory or link");
  if (header.type === "symlink") {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(relative), header.linkName));
    if (path.posix.isAbsolute(header.linkName) || target === ".." || target.startsWith("../")) {
      throw refuse(`is a symbolic link to "${header.linkName}", outside the model directory`);
    }
  }
  if (header.type === "hardlink") {
    const target = normalise(header.linkName);
    if (path.posix.isAbsolute(header.linkName) || target.split("/").includes("..")) {
      throw refuse(`is a hard link to "${header.linkName}", outside the model directory`);
    }
    if (!earlier.some((entry) => entry.relative === target && entry.type === "file")) {
      throw refuse(`is a hard link to "${header.linkName}", which is not a file earlier in the archive`);
    }
  }
  return { ...header, relative, content };
}

function normalise(entryPath: string): string {
  return entryPath.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
}

function makeReadOnly(dir: string): void {
  for (const name of readdirSync(dir)) {
    const child = path.join(dir, name);
    const stat = lstatSync(child);
    if (stat.isDirectory()) makeReadOnly(child);
    else if (stat.isFile()) chmodSync(child, 0o444);
  }
  chmodSync(dir, 0o555);
}

function makeWritable(dir: string): void {
  let names: string[];
  try {
    chmodSync(dir, 0o755);
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const child = path.join(dir, name);
    if (lstatSync(child).isDirectory()) makeWritable(child);
  }
}
