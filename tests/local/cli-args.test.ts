import * as assert from "node:assert/strict";
import * as path from "node:path";
import { DEFAULT_PORT, PROJECT_ROOT, parseLocalArgs } from "../../local/cli-args";

describe("local mode flags", () => {
  it("defaults to the dev stack on port 4599 with outputs under .local/<stack>", () => {
    assert.deepEqual(parseLocalArgs([], "/somewhere"), {
      stack: "dev",
      port: DEFAULT_PORT,
      once: false,
      outputsFile: path.join(PROJECT_ROOT, ".local", "dev", "outputs.json"),
      configDir: PROJECT_ROOT,
      modelDir: undefined,
      startupTimeoutSeconds: 30,
      updateTo: null,
      deploymentSpeedup: 100,
      image: false,
    });
  });

  it("reads every flag, resolving paths against the working directory", () => {
    const options = parseLocalArgs(
      ["--stack", "prod", "--port", "0", "--once", "--outputs-file", "out.json", "--config-dir", "cfg", "--model-dir", "m", "--startup-timeout", "5", "--image", "--update-to", "next/Pulumi.prod.yaml", "--deployment-speedup", "10"],
      "/w",
    );
    assert.deepEqual(options, {
      stack: "prod",
      port: 0,
      once: true,
      outputsFile: "/w/out.json",
      configDir: "/w/cfg",
      modelDir: "/w/m",
      startupTimeoutSeconds: 5,
      updateTo: "/w/next/Pulumi.prod.yaml",
      deploymentSpeedup: 10,
      image: true,
    });
    assert.equal(parseLocalArgs(["--stack=prod", "--help"]), "help");
  });

  it("rejects bad values and unknown flags with one-line errors", () => {
    assert.throws(() => parseLocalArgs(["--port", "70000"]), { message: '--port must be a whole number from 0 to 65535, got "70000"' });
    assert.throws(() => parseLocalArgs(["--port=-1"]), /--port must be a whole number/);
    assert.throws(() => parseLocalArgs(["--startup-timeout", "0"]), /--startup-timeout must be a whole number from 1 to 600/);
    assert.throws(() => parseLocalArgs(["--stack", "../etc"]), /--stack "..\/etc" is not a valid stack name/);
    assert.throws(() => parseLocalArgs(["--colour"]), { message: 'unknown option "--colour" (see --help)' });
    assert.throws(() => parseLocalArgs(["--port"]), { message: "--port needs a whole number from 0 to 65535" });
    assert.throws(() => parseLocalArgs(["prod"]), { message: 'unexpected argument "prod" (see --help)' });
  });
});
