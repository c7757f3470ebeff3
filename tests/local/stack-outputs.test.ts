import * as assert from "node:assert/strict";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CliError } from "../../base/cli-error";
import { parseStackOutputs, readOutputsFile, readPulumiStackOutputs } from "../../base/stack-outputs";

const valid = {
  endpointName: "tagged-endpoint-dev",
  endpointArn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint/tagged-endpoint-dev",
  endpointConfigName: "cfg-1",
  endpointConfigArn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/cfg-1",
  modelName: "model-1",
  modelArn: "arn:aws:sagemaker:us-east-1:123456789012:model/model-1",
  roleArn: "arn:aws:iam::123456789012:role/r",
  imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo@sha256:00",
  region: "us-east-1",
  tags: { ModelVersion: "1.4.0" },
};

describe("stack outputs reader", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "stack-outputs-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("accepts the outputs (extra outputs allowed) and reads local-mode metadata", () => {
    const parsed = parseStackOutputs({ ...valid, extra: 1, _localMode: { emulatorUrl: "http://127.0.0.1:1", stack: "dev" } }, "x");
    assert.equal(parsed.outputs.endpointName, "tagged-endpoint-dev");
    assert.deepEqual(parsed.local, { emulatorUrl: "http://127.0.0.1:1", stack: "dev" });
    assert.equal(parseStackOutputs(valid, "x").local, undefined);
  });

  it("names every missing output and each mistyped one in a one-line error", () => {
    const partial: Partial<typeof valid> = { ...valid };
    delete partial.modelArn;
    delete partial.region;
    assert.throws(() => parseStackOutputs(partial, "src"), { message: "src: missing stack output(s) modelArn, region" });
    assert.throws(() => parseStackOutputs({ ...valid, region: 3 }, "src"), /stack output region must be a non-empty string/);
    assert.throws(() => parseStackOutputs({ ...valid, tags: { a: 1 } }, "src"), /tags must be an object of string values/);
    assert.throws(() => parseStackOutputs([], "src"), /must be a JSON object/);
    assert.throws(() => parseStackOutputs({ ...valid, _localMode: { stack: "dev" } }, "src"), /_localMode must be an object/);
  });

  it("reads a file, and says plainly when it is missing or not JSON", async () => {
    const good = path.join(dir, "good.json");
    await writeFile(good, JSON.stringify(valid));
    assert.equal((await readOutputsFile(good)).outputs.modelName, "model-1");
    const missing = path.join(dir, "nope.json");
    await assert.rejects(readOutputsFile(missing), (error: unknown) => {
      assert.ok(error instanceof CliError);
      assert.equal(error.message, `outputs file ${missing} does not exist`);
      return true;
    });
    const bad = path.join(dir, "bad.json");
    await writeFile(bad, "{ not json");
    await assert.rejects(readOutputsFile(bad), /^CliError: outputs file .*bad\.json: not valid JSON \(.*\)$/);
  });

  /** Runs `body` with PATH holding only `dir`, where a stand-in `pulumi` script may be. */
  async function withPathOnly(body: () => Promise<void>): Promise<void> {
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      await body();
    } finally {
      process.env.PATH = saved;
    }
  }

  it("reports a missing Pulumi CLI as a one-line error", () =>
    withPathOnly(() => assert.rejects(readPulumiStackOutputs("dev"), /the Pulumi CLI \(pulumi\) is not on PATH/)));

  it("runs `pulumi stack output --json --show-secrets --stack NAME` and validates what it prints", async () => {
    const argsFile = path.join(dir, "args.txt");
    const script = `#!/bin/sh\necho "$@" > ${argsFile}\n[ "$6" = dev ] || { echo "error: no stack named '$6' found" >&2; exit 255; }\necho '${JSON.stringify(valid)}'\n`;
    await writeFile(path.join(dir, "pulumi"), script);
    await chmod(path.join(dir, "pulumi"), 0o755);
    await withPathOnly(async () => {
      assert.equal((await readPulumiStackOutputs("dev")).outputs.endpointArn, valid.endpointArn);
      assert.equal((await readFile(argsFile, "utf8")).trim(), "stack output --json --show-secrets --stack dev");
      await assert.rejects(readPulumiStackOutputs("qa"), {
        message: "pulumi stack output --stack qa failed: error: no stack named 'qa' found",
      });
    });
  });
});
