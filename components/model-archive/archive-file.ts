/**
 * The model archive as a file the program uploads: packed from the model directory and written once per
 * content under a name that is its content hash, so the same files give the same path, key and bytes.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packDirectory } from "./pack";

/** A written model archive. */
export interface ModelArchiveFile {
  /** Absolute path of `<archiveDir>/<contentHash>.tar.gz`. */
  readonly file: string;
  /** The S3 object key: `models/<contentHash>/model.tar.gz` (a new key whenever a file changes). */
  readonly key: string;
  /** SHA-256 (hex) of the uncompressed tar. */
  readonly contentHash: string;
}

/** Packs `directory` into `archiveDir` (created if missing); throws a one-line error naming the problem. */
export function writeModelArchive(directory: string, archiveDir: string): ModelArchiveFile {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new Error(`${directory} is not a directory`);
  const packed = packDirectory(directory);
  const file = join(archiveDir, `${packed.contentHash}.tar.gz`);
  if (!existsSync(file) || !readFileSync(file).equals(packed.archive)) {
    mkdirSync(archiveDir, { recursive: true });
    writeFileSync(file, packed.archive);
  }
  return { file, key: `models/${packed.contentHash}/model.tar.gz`, contentHash: packed.contentHash };
}
