// `npm run verify` against the emulator with the real SDK: the endpoint runs the configuration the stack
// deployed, or the command fails (exit 1) saying what SageMaker did instead.
import * as assert from "node:assert/strict";
import { CliError } from "../../base/cli-error";
import { verifyMain } from "../../ops/verify-cli";
import { runTs } from "../integration/cli-processes";
import { startHarness, useHarness, type Harness } from "../emulator/harness";
import { createConfig, createEndpoint, createModel, runCommand, writeOutputsFile } from "./stack-fixture";

const NAMES = { endpoint: "tagged-endpoint-dev", config: "endpoint-config-b", model: "endpoint-model-b" };

async function deployBoth(h: Harness, runningConfig: string): Promise<void> {
  await createModel(h.sm, "endpoint-model-a");
  await createConfig(h.sm, "endpoint-config-a", "endpoint-model-a");
  await createModel(h.sm, NAMES.model);
  await createConfig(h.sm, NAMES.config, NAMES.model);
  await createEndpoint(h.sm, NAMES.endpoint, runningConfig);
}

const verify = (h: Harness) => runCommand(verifyMain, h.emu.url, NAMES);

describe("verify: the endpoint runs what `pulumi up` deployed", () => {
  const harness = useHarness();

  it("passes (exit 0) when the endpoint is InService on the stack's endpoint configuration", async () => {
    await deployBoth(harness(), NAMES.config);
    const { code, out } = await verify(harness());
    assert.equal(code, 0);
    assert.equal(out, "ok: endpoint tagged-endpoint-dev is InService on endpoint configuration endpoint-config-b, as stack dev says\n");
  });

  it("fails (exit 1) naming both configurations when SageMaker rolled the update back", async () => {
    await deployBoth(harness(), "endpoint-config-a");
    const { code, out } = await verify(harness());
    assert.equal(code, 1);
    assert.match(
      out,
      /^FAILED: SageMaker rolled back the update of endpoint tagged-endpoint-dev: it is InService on endpoint configuration endpoint-config-a, but stack dev deployed endpoint-config-b\./,
    );
    assert.match(out, /docs\/pulumi-up\.md/);
  });

  it("fails (exit 1) when the endpoint does not exist", async () => {
    const { code, out } = await verify(harness());
    assert.equal(code, 1);
    assert.match(out, /^FAILED: endpoint tagged-endpoint-dev does not exist in /);
  });

  it("exits 2 on a usage error or a missing outputs file", async () => {
    const error = (promise: Promise<number>) =>
      promise.then(
        () => assert.fail("expected an error"),
        (err: unknown) => {
          assert.ok(err instanceof CliError);
          assert.equal(err.exitCode, 2);
          return err.message;
        },
      );
    assert.match(await error(verifyMain(["--stak", "dev"], () => undefined)), /--stak.*\(see --help\)$/);
    assert.match(await error(verifyMain(["--outputs-file", "/nonexistent/outputs.json"], () => undefined)), /does not exist$/);
  });
});

describe("verify: an endpoint that is not InService", () => {
  it("fails (exit 1) with the status, as a child process", async () => {
    const h = await startHarness({ endpointCreationDelayMs: 600_000 });
    const outputs = writeOutputsFile(NAMES);
    try {
      await deployBoth(h, NAMES.config);
      const result = await runTs("ops/verify-cli.ts", ["--stack", "dev", "--outputs-file", outputs.file, "--endpoint-url", h.emu.url]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /^FAILED: endpoint tagged-endpoint-dev is Creating, not InService/);
    } finally {
      outputs.remove();
      await h.close();
    }
  });
});
