// The reproducible model.tar.gz: bytes that depend only on the files (checked with GNU tar as an
// independent reader), and what the program does with it (bucket, object keyed by content, Model, policy).
import * as assert from "assert";
import { execFileSync } from "child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as pulumi from "@pulumi/pulumi";
import { packDirectory } from "../../components/model-archive/pack";
import { ProgramRun } from "../../local/program-runner";
import { S3_SETTINGS, TYPES, onlyResource, resourcesOfType, runStack } from "../support/program";

const dirs: string[] = [];
function modelDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "model-dir-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const FILES = { "model.onnx": "weights", "code/inference.py": "print('hi')", "code/requirements.txt": "" };

/** GNU tar's verbose listing of an archive (numeric owners, UTC times). */
function gnuTarListing(archive: Buffer): string[] {
  const file = join(mkdtempSync(join(tmpdir(), "listing-")), "model.tar.gz");
  dirs.push(join(file, ".."));
  writeFileSync(file, archive);
  return execFileSync("tar", ["--numeric-owner", "--full-time", "-tvzf", file], { env: { ...process.env, TZ: "UTC" } })
    .toString()
    .trim()
    .split("\n")
    .map((line) => line.replace(/\s+/g, " "));
}

describe("model archive: reproducible model.tar.gz", () => {
  it("gives the same bytes for the same files, whatever their times, modes and creation order", () => {
    const first = modelDir(FILES);
    const second = modelDir(Object.fromEntries(Object.entries(FILES).reverse()));
    utimesSync(join(second, "model.onnx"), new Date("2020-05-05"), new Date("2020-05-05"));
    chmodSync(join(second, "model.onnx"), 0o600);
    assert.ok(packDirectory(first).archive.equals(packDirectory(second).archive));
    assert.strictEqual(packDirectory(first).contentHash, packDirectory(second).contentHash);
  });

  it("holds sorted entries owned by 0:0 (root), mtime 0, modes 0644/0755, as GNU tar reads them", () => {
    const packed = packDirectory(modelDir(FILES));
    assert.deepStrictEqual(gnuTarListing(packed.archive), [
      "drwxr-xr-x 0/0 0 1970-01-01 00:00:00 code/",
      "-rw-r--r-- 0/0 11 1970-01-01 00:00:00 code/inference.py",
      "-rw-r--r-- 0/0 0 1970-01-01 00:00:00 code/requirements.txt",
      "-rw-r--r-- 0/0 7 1970-01-01 00:00:00 model.onnx",
    ]);
    assert.deepStrictEqual(packed.entries, ["code/", "code/inference.py", "code/requirements.txt", "model.onnx"]);
  });

  it("writes a gzip header with mtime 0, no file name and OS unknown", () => {
    const header = packDirectory(modelDir(FILES)).archive.subarray(0, 10);
    assert.deepStrictEqual([...header], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
  });

  it("changes bytes and content hash when one byte of a file changes", () => {
    const before = packDirectory(modelDir(FILES));
    const after = packDirectory(modelDir({ ...FILES, "model.onnx": "weightz" }));
    assert.notStrictEqual(before.contentHash, after.contentHash);
    assert.ok(!before.archive.equals(after.archive));
  });

  it("stores a path longer than 100 bytes in the ustar prefix, which GNU tar reads back", () => {
    const deep = `${"d".repeat(60)}/${"e".repeat(60)}/model.onnx`;
    const listing = gnuTarListing(packDirectory(modelDir({ [deep]: "x" })).archive);
    assert.ok(listing.at(-1)?.endsWith(` ${deep}`), listing.at(-1));
  });

  it("refuses a symbolic link and a directory without files, naming them", () => {
    const linked = modelDir({ "model.onnx": "x" });
    symlinkSync("/etc/passwd", join(linked, "passwd"));
    assert.throws(() => packDirectory(linked), /passwd is not a regular file or directory; a model archive holds only those/);
    assert.throws(() => packDirectory(modelDir({})), /holds no files to archive/);
  });
});

describe("program: config model.path", () => {
  const objectOf = (run: ProgramRun) => onlyResource(run, TYPES.bucketObject);
  const modelDataUrlOf = (run: ProgramRun) =>
    (onlyResource(run, TYPES.model).inputs.primaryContainer as { modelDataUrl: string }).modelDataUrl;

  it("uploads the archive to a versioned, encrypted, private, tagged bucket and points the Model at it", async () => {
    const run = await runStack("dev", { model: { path: modelDir(FILES) } });
    const bucket = onlyResource(run, TYPES.bucket);
    assert.deepStrictEqual(bucket.inputs.tags, run.outputs.tags);
    assert.strictEqual(bucket.inputs.forceDestroy, false);
    const bucketName = String(bucket.state.bucket);
    for (const type of S3_SETTINGS) assert.strictEqual(onlyResource(run, type).inputs.bucket, bucketName, type);
    assert.deepStrictEqual(onlyResource(run, TYPES.bucketVersioning).inputs.versioningConfiguration, { status: "Enabled" });
    assert.deepStrictEqual(onlyResource(run, TYPES.bucketEncryption).inputs.rules, [
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ]);
    const access = onlyResource(run, TYPES.bucketPublicAccess).inputs;
    assert.deepStrictEqual(
      [access.blockPublicAcls, access.blockPublicPolicy, access.ignorePublicAcls, access.restrictPublicBuckets],
      [true, true, true, true],
    );
    const object = objectOf(run);
    const packed = packDirectory(modelDir(FILES));
    assert.strictEqual(object.inputs.key, `models/${packed.contentHash}/model.tar.gz`);
    assert.strictEqual(object.inputs.bucket, bucketName);
    const source = object.inputs.source as { fileAsset: string };
    assert.ok(readFileSync(source.fileAsset).equals(packed.archive), "the uploaded file is the archive");
    assert.strictEqual(modelDataUrlOf(run), `s3://${bucketName}/models/${packed.contentHash}/model.tar.gz`);
    assert.strictEqual(run.outputs.modelDataUrl, modelDataUrlOf(run));
  });

  it("changes nothing for unchanged files, and makes a new key and ModelDataUrl (a new Model) for a changed file", async () => {
    const dir = modelDir(FILES);
    const first = await runStack("dev", { model: { path: dir } });
    const again = await runStack("dev", { model: { path: modelDir(FILES) } });
    assert.deepStrictEqual(objectOf(again).inputs, objectOf(first).inputs);
    assert.deepStrictEqual(onlyResource(again, TYPES.model).inputs, onlyResource(first, TYPES.model).inputs);
    writeFileSync(join(dir, "model.onnx"), "retrained weights");
    const changed = await runStack("dev", { model: { path: dir } });
    assert.notStrictEqual(objectOf(changed).inputs.key, objectOf(first).inputs.key);
    assert.notStrictEqual(modelDataUrlOf(changed), modelDataUrlOf(first));
  });

  it("declares no bucket without model.path", async () => {
    const run = await runStack("dev", { model: {} });
    assert.deepStrictEqual(resourcesOfType(run, TYPES.bucket), []);
    assert.strictEqual(modelDataUrlOf(run), undefined);
  });

  it("refuses model.path together with modelDataUrl, naming both keys", async () => {
    await assert.rejects(runStack("dev", { modelDataUrl: "s3://ml-models/fraud/model.tar.gz" }), {
      message: "tagged-endpoint:model.path: and modelDataUrl are both set; the Model takes one archive: unset one of them",
    });
    await assert.rejects(runStack("dev", { model: { path: "" } }), {
      message: "tagged-endpoint:model.path: must be a directory path, got an empty string",
    });
    await assert.rejects(runStack("dev", { model: { dir: "x" } }), /tagged-endpoint:model\.dir: unknown field; allowed fields are path/);
  });

  it("fails with one line when the directory is missing", async () => {
    await assert.rejects(runStack("dev", { model: { path: "/nonexistent/model" } }), (err: unknown) => {
      assert.ok(pulumi.RunError.isInstance(err));
      assert.strictEqual((err as Error).message, "cannot archive the model directory (config model.path): /nonexistent/model is not a directory");
      return true;
    });
  });
});
