// One Node release everywhere: the `node` dev dependency that npm scripts run on, `engines`, the
// container's package, esbuild's target and the image's base tag.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const readJson = (file: string) =>
  JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as {
    engines: { node: string };
    scripts: { build: string };
    devDependencies: Record<string, string>;
  };

describe("the Node release", () => {
  const project = readJson("package.json");
  const pinned = project.devDependencies.node;
  const major = pinned.split(".")[0];

  it("is pinned exactly as the dev dependency `node` and is the release this test runs on", () => {
    assert.match(pinned, /^\d+\.\d+\.\d+$/, "devDependencies.node is an exact version");
    assert.equal(process.version, `v${pinned}`, "npm scripts run on node_modules/.bin/node (run the tests through npm)");
  });

  it("is what engines, the container's package and esbuild's targets say", () => {
    const container = readJson("container/package.json");
    assert.equal(project.engines.node, pinned);
    assert.equal(container.engines.node, pinned);
    assert.match(project.scripts.build, new RegExp(`--target=node${major}\\b`));
    assert.match(container.scripts.build, new RegExp(`--target=node${major}\\b`));
  });

  it("is the image's base tag", () => {
    const dockerfile = readFileSync(path.join(ROOT, "container", "Dockerfile"), "utf8");
    assert.match(dockerfile, new RegExp(`^ARG NODE_IMAGE=node:${pinned.replace(/\./g, "\\.")}-bookworm-slim$`, "m"));
  });
});
