/**
 * The POSIX ustar header (one 512-byte block per entry), written and read by the same field table so the
 * archive the program builds and the one local mode unpacks agree. Only what model archives need:
 * regular files and directories are written; reading also reports links and other entry types, so the
 * reader can refuse them.
 */

/** Tar's block size: headers are one block, contents are padded to whole blocks. */
export const BLOCK = 512;

/** Field offsets and lengths of the ustar header. */
const FIELDS = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  checksum: [148, 8],
  type: [156, 1],
  linkName: [157, 100],
  magic: [257, 6],
  version: [263, 2],
  uname: [265, 32],
  gname: [297, 32],
  prefix: [345, 155],
} as const;

/** Entry types by their type flag. */
const TYPES: Readonly<Record<string, TarEntryType>> = {
  "0": "file",
  "\0": "file",
  "1": "hardlink",
  "2": "symlink",
  "5": "directory",
};

/** What an entry is. */
export type TarEntryType = "file" | "directory" | "symlink" | "hardlink" | "other";

/** The parts of a header that matter to a model archive. */
export interface TarHeader {
  /** The entry's path inside the archive (directories end with `/` when written here). */
  readonly path: string;
  /** What the entry is. */
  readonly type: TarEntryType;
  /** Content bytes that follow the header (0 for all but files). */
  readonly size: number;
  /** Permission bits. */
  readonly mode: number;
  /** A link's target (empty for other types). */
  readonly linkName: string;
}

/** The fixed owner and time every written entry carries: root:root (0:0), mtime 0. */
const OWNER = { uid: 0, gid: 0, uname: "root", gname: "root", mtime: 0 } as const;

/** One ustar header block for a file or directory, with the fixed owner and time. */
export function encodeHeader(header: TarHeader): Buffer {
  if (header.type !== "file" && header.type !== "directory") throw new Error(`cannot write a ${header.type} entry`);
  const block = Buffer.alloc(BLOCK);
  const [prefix, name] = splitPath(header.path);
  text(block, "name", name);
  number(block, "mode", header.mode);
  number(block, "uid", OWNER.uid);
  number(block, "gid", OWNER.gid);
  number(block, "size", header.size);
  number(block, "mtime", OWNER.mtime);
  text(block, "type", header.type === "file" ? "0" : "5");
  text(block, "magic", "ustar\0");
  text(block, "version", "00");
  text(block, "uname", OWNER.uname);
  text(block, "gname", OWNER.gname);
  text(block, "prefix", prefix);
  block.fill(" ", FIELDS.checksum[0], FIELDS.checksum[0] + FIELDS.checksum[1]);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, FIELDS.checksum[0], "latin1");
  return block;
}

/** Reads a header block; null for an all-zero block (the end of the archive). Throws on a bad checksum. */
export function decodeHeader(block: Buffer): TarHeader | null {
  if (block.every((byte) => byte === 0)) return null;
  const stored = readNumber(block, "checksum");
  const copy = Buffer.from(block);
  copy.fill(" ", FIELDS.checksum[0], FIELDS.checksum[0] + FIELDS.checksum[1]);
  if (copy.reduce((total, byte) => total + byte, 0) !== stored) throw new Error("a tar header has a bad checksum (not a tar archive, or corrupt)");
  const name = readText(block, "name");
  const prefix = readText(block, "magic").startsWith("ustar") ? readText(block, "prefix") : "";
  return {
    path: prefix ? `${prefix}/${name}` : name,
    type: TYPES[String.fromCharCode(block[FIELDS.type[0]])] ?? "other",
    size: readNumber(block, "size"),
    mode: readNumber(block, "mode"),
    linkName: readText(block, "linkName"),
  };
}

type Field = keyof typeof FIELDS;

function text(block: Buffer, field: Field, value: string): void {
  const [offset, length] = FIELDS[field];
  if (Buffer.byteLength(value) > length) throw new Error(`"${value}" does not fit the ${length}-byte tar ${field} field`);
  block.write(value, offset, length, "utf8");
}

/** Octal, zero-padded, NUL-terminated. */
function number(block: Buffer, field: Field, value: number): void {
  const [offset, length] = FIELDS[field];
  const digits = value.toString(8);
  if (digits.length > length - 1) throw new Error(`${value} does not fit the tar ${field} field`);
  block.write(`${digits.padStart(length - 1, "0")}\0`, offset, length, "latin1");
}

function readText(block: Buffer, field: Field): string {
  const [offset, length] = FIELDS[field];
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString("utf8");
}

function readNumber(block: Buffer, field: Field): number {
  const raw = readText(block, field).trim();
  if (!/^[0-7]*$/.test(raw)) throw new Error(`a tar header's ${field} field is not an octal number`);
  return raw === "" ? 0 : parseInt(raw, 8);
}

/** Splits a path longer than 100 bytes into ustar's prefix (up to 155) and name (up to 100) at a `/`. */
function splitPath(path: string): [string, string] {
  if (Buffer.byteLength(path) <= FIELDS.name[1]) return ["", path];
  for (let cut = path.lastIndexOf("/", path.length - 2); cut > 0; cut = path.lastIndexOf("/", cut - 1)) {
    const [prefix, name] = [path.slice(0, cut), path.slice(cut + 1)];
    if (Buffer.byteLength(prefix) <= FIELDS.prefix[1] && Buffer.byteLength(name) <= FIELDS.name[1]) return [prefix, name];
  }
  throw new Error(`the path "${path}" is too long for a ustar archive`);
}
