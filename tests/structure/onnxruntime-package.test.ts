// onnxruntime-node as the project installs and ships it: one exact version in both packages, its install
// script (a CUDA download from NuGet on linux/x64) denied, and kept out of the esbuild bundle.
import * as assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const readJson = (file: string) =>
  JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as {
    dependencies: Record<string, string>;
    allowScripts?: Record<string, boolean>;
    scripts: { build: string };
  };

describe("onnxruntime-node", () => {
  for (const file of ["package.json", "container/package.json"]) {
    it(`${file}: pinned exactly, install script denied, external to the bundle`, () => {
      const pkg = readJson(file);
      assert.match(pkg.dependencies["onnxruntime-node"], /^\d+\.\d+\.\d+$/);
      assert.equal(pkg.dependencies["onnxruntime-node"], readJson("package.json").dependencies["onnxruntime-node"]);
      assert.equal(pkg.allowScripts?.["onnxruntime-node"], false, "allowScripts denies its postinstall (the CUDA download)");
      assert.match(pkg.scripts.build, /--external:onnxruntime-node\b/);
    });
  }

  it("was installed without its install script: the CPU binaries are there, no CUDA provider was downloaded", () => {
    const bin = path.join(ROOT, "node_modules", "onnxruntime-node", "bin", "napi-v6", process.platform, process.arch);
    assert.ok(existsSync(path.join(bin, "onnxruntime_binding.node")));
    assert.equal(existsSync(path.join(bin, "libonnxruntime_providers_cuda.so")), false);
  });
});
