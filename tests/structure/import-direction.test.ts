import { strict as assert } from "node:assert";
import * as path from "node:path";
import { repositoryViolations, sourceFiles, violationsIn } from "../../scripts/import-direction";

const REPO = path.resolve(__dirname, "../..");

describe("import direction between folders", () => {
  it("no file in the repository imports against the one-way rule", () => {
    assert.deepEqual(repositoryViolations(REPO), []);
  });

  it("sees the whole tree (a check over no files would pass by construction)", () => {
    const files = sourceFiles(REPO, ["container", "components", "base", "local", "ops", "bench"]);
    for (const folder of ["container/", "components/", "base/", "local/", "ops/", "bench/"]) {
      assert.ok(files.some((file) => file.startsWith(folder)), `no .ts file found under ${folder}`);
    }
  });

  it("flags a reversed import: local reaching into ops", () => {
    assert.deepEqual(violationsIn("local/cli.ts", 'import { compareTags } from "../ops/tag-drift";'), [
      { file: "local/cli.ts", specifier: "../ops/tag-drift", target: "ops" },
    ]);
  });

  it("flags the shipped folders importing anything of ours", () => {
    assert.equal(violationsIn("container/src/server.ts", 'import { x } from "../../base/cli-error";').length, 1);
    assert.equal(violationsIn("components/model.ts", 'const y = require("../local/free-port");').length, 1);
    assert.equal(violationsIn("base/stack-file.ts", 'import { z } from "../local/free-port";').length, 1);
  });

  it("allows imports inside a folder and the declared directions", () => {
    assert.deepEqual(violationsIn("container/src/tags/tag-cache.ts", 'import { log } from "../log";'), []);
    assert.deepEqual(violationsIn("bench/run.ts", 'import { startEmulator } from "../local/emulator";'), []);
    assert.deepEqual(violationsIn("ops/drift-cli.ts", 'import { CliError } from "../base/cli-error";'), []);
    assert.deepEqual(violationsIn("index.ts", 'import { parseSettings } from "./components/settings";'), []);
  });
});
