// Local mode's unpacking of model.tar.gz: the program's archive round-trips into a read-only directory,
// archives made by GNU tar unpack, and crafted tar-slip archives (absolute paths, "..", links that leave
// the directory) are refused before anything is written.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { packDirectory } from "../../components/model-archive/pack";
import { removeModelDirectory, unpackModelArchive } from "../../local/model-archive-unpack";
import { SAMPLE_MODEL_PATH } from "../../scripts/make-sample-model";

describe("local mode: unpacking model.tar.gz (tar-slip safe)", () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "unpack-"));
  });
  afterEach(() => removeModelDirectory(work));

  /** An archive GNU tar makes of `files` under `source/` (ustar format), with extra tar flags. */
  function gnuTar(setup: (source: string) => void, flags: string[] = [], members = ["."]): Buffer {
    const source = join(work, "source");
    mkdirSync(source, { recursive: true });
    setup(source);
    const file = join(work, "crafted.tar.gz");
    execFileSync("tar", ["--format=ustar", "-czf", file, ...flags, "-C", source, ...members]);
    return readFileSync(file);
  }

  it("unpacks the program's archive of the ONNX sample into a read-only directory, byte for byte", () => {
    const packed = packDirectory(join(SAMPLE_MODEL_PATH, ".."));
    const target = join(work, "model");
    assert.deepEqual(unpackModelArchive(packed.archive, target), ["model.onnx"]);
    assert.ok(readFileSync(join(target, "model.onnx")).equals(readFileSync(SAMPLE_MODEL_PATH)));
    assert.equal(lstatSync(join(target, "model.onnx")).mode & 0o777, 0o444);
    assert.equal(lstatSync(target).mode & 0o777, 0o555);
  });

  it("unpacks a GNU tar archive with a subdirectory and a link that stays inside", () => {
    const archive = gnuTar((source) => {
      mkdirSync(join(source, "code"));
      writeFileSync(join(source, "code", "weights.bin"), "w");
      symlinkSync("code/weights.bin", join(source, "current"));
    });
    const target = join(work, "model");
    const written = unpackModelArchive(archive, target);
    assert.deepEqual([...written].sort(), ["", "code", "code/weights.bin", "current"]);
    assert.equal(readlinkSync(join(target, "current")), "code/weights.bin");
    assert.equal(readFileSync(join(target, "current"), "utf8"), "w");
  });

  const slips: { name: string; archive: (source: string) => Buffer; message: RegExp }[] = [
    {
      name: "an absolute path",
      archive: (source) => gnuTar(() => writeFileSync(join(source, "model.onnx"), "x"), ["-P"], [join(source, "model.onnx")]),
      message: /^archive entry "\/.*\/source\/model\.onnx" has an absolute path; refusing to unpack the model archive$/,
    },
    {
      name: 'a ".." entry',
      archive: (source) => gnuTar(() => writeFileSync(join(source, "model.onnx"), "x"), ["--transform", "s,^\\./,../,"]),
      message: /^archive entry "\.\.\/model\.onnx" has a "\.\." segment that leaves the model directory/,
    },
    {
      name: 'a ".." inside a path',
      archive: (source) => gnuTar(() => writeFileSync(join(source, "model.onnx"), "x"), ["--transform", "s,^\\./,code/../../,"]),
      message: /^archive entry "code\/\.\.\/\.\.\/model\.onnx" has a "\.\." segment/,
    },
    {
      name: "a symbolic link to an absolute path",
      archive: (source) => gnuTar(() => symlinkSync("/etc/passwd", join(source, "passwd"))),
      message: /^archive entry "\.\/passwd" is a symbolic link to "\/etc\/passwd", outside the model directory/,
    },
    {
      name: "a relative symbolic link that climbs out",
      archive: (source) =>
        gnuTar(() => {
          mkdirSync(join(source, "code"));
          symlinkSync("../../outside", join(source, "code", "escape"));
        }),
      message: /^archive entry "\.\/code\/escape" is a symbolic link to "\.\.\/\.\.\/outside", outside the model directory/,
    },
  ];
  for (const { name, archive, message } of slips) {
    it(`refuses ${name}, writing nothing`, () => {
      const target = join(work, "model");
      const crafted = archive(join(work, "source"));
      assert.throws(() => unpackModelArchive(crafted, target), (err: Error) => {
        assert.equal(err.name, "ModelArchiveError");
        assert.match(err.message, message);
        return true;
      });
      assert.equal(existsSync(target), false, "nothing written");
    });
  }

  it("refuses what is not a gzip-compressed tar, with one line", () => {
    assert.throws(() => unpackModelArchive(Buffer.from("plain text"), join(work, "a")), /^ModelArchiveError: the model archive is not gzip-compressed/);
    assert.throws(() => unpackModelArchive(gzipSync(Buffer.alloc(1024, 7)), join(work, "b")), /the model archive is not a valid tar: a tar header/);
    assert.throws(() => unpackModelArchive(gzipSync(Buffer.alloc(1024)), join(work, "c")), /the model archive holds no entries/);
  });

  it("cleans up a read-only unpacked directory", () => {
    const target = join(work, "model");
    unpackModelArchive(packDirectory(join(SAMPLE_MODEL_PATH, "..")).archive, target);
    removeModelDirectory(target);
    assert.equal(existsSync(target), false);
    rmSync(work, { recursive: true, force: true });
  });
});
