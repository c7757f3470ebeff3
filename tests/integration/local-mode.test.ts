/**
 * Local mode itself (`npm start`), run as child processes: the one-shot mode, a restart after a tag
 * change in a copy of the stack config, the drift check against the emulator, and bad input (each a
 * one-line error, a non-zero exit and no process left behind).
 */
import { AddTagsCommand } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import * as assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { EMULATOR_CREDENTIALS } from "../../base/emulator-credentials";
import { sageMakerClient } from "../../base/sagemaker-client";
import { readOutputsFile, type StackOutputsSource } from "../../base/stack-outputs";
import {
  containerPids,
  isAlive,
  ROOT,
  runDrift,
  runLocalMode,
  startLocalMode,
  type BackgroundLocalMode,
  type CommandResult,
} from "./cli-processes";

/** Asserts a failed command: exit code 2 and exactly one line on stderr, `error: ...` matching `pattern`. */
function assertOneLineError(result: CommandResult, pattern: RegExp): void {
  assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got:\n${result.stderr}`);
  assert.match(lines[0], /^error: /);
  assert.match(lines[0], pattern);
}

/** Asserts every container local mode started is gone. */
function assertNoContainerLeft(stdout: string): void {
  for (const pid of containerPids(stdout)) assert.equal(isAlive(pid), false, `container pid ${pid} is still running`);
}

/** Copies Pulumi.yaml and Pulumi.dev.yaml to `dir`, applying `edit` to the stack file's config. */
async function copyStackConfig(dir: string, edit: (config: Record<string, unknown>) => void): Promise<void> {
  await mkdir(dir, { recursive: true });
  await copyFile(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const stack = parse(await readFile(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  edit(stack.config);
  await writeFile(path.join(dir, "Pulumi.dev.yaml"), stringify(stack));
}

describe("local mode (npm start), as a child process", function () {
  // Each test starts node processes (ts-node, Pulumi, the container): seconds each, more on a busy machine.
  this.timeout(45_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "local-mode-test-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("--once deploys, invokes once through the runtime API, prints the response and exits 0", async () => {
    const result = await runLocalMode(["--once", "--port", "0"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /an emulation on this machine, not a deployment/);
    const marker = "InvokeEndpoint tagged-endpoint-dev (variant AllTraffic, custom attributes echoed: trace=local-demo;tenant=7):\n";
    const at = result.stdout.indexOf(marker);
    assert.ok(at >= 0, `the invocation is printed:\n${result.stdout}`);
    const response = JSON.parse(result.stdout.slice(at + marker.length)) as {
      predictions: number[];
      deployment: { tags: Record<string, string>; tagsStatus: string };
    };
    assert.match(result.stdout, /• unpacked the Model's archive s3:\/\/\S+\/models\/[0-9a-f]{64}\/model\.tar\.gz \(1 entries\) read-only into /);
    assert.deepEqual(response.predictions, [348.5], "the ONNX sample from the archive: 40 + 2.5*120 + 12*3 - 0.75*10 - 4*5");
    assert.equal(response.deployment.tags.ModelVersion, "1.4.0");
    assert.equal(response.deployment.tagsStatus, "fresh");
    assertNoContainerLeft(result.stdout);
  });

  describe("restarted after a tag change in a copy of the stack config", () => {
    const newVersion = "2.0.0-local";
    let configDir: string;
    let outputsFile: string;
    let local: BackgroundLocalMode;
    let source: StackOutputsSource;

    before(async function () {
      this.timeout(60_000);
      configDir = path.join(dir, "changed-tag");
      outputsFile = path.join(configDir, "outputs.json");
      await copyStackConfig(configDir, (config) => {
        (config["tagged-endpoint:tags"] as Record<string, string>).ModelVersion = newVersion;
      });
      local = await startLocalMode(["--port", "0", "--config-dir", configDir, "--outputs-file", outputsFile]);
      source = await readOutputsFile(outputsFile);
    });

    after(async function () {
      this.timeout(30_000);
      assert.equal(await local?.stop(), 0, "local mode exits 0 on SIGTERM");
      assert.equal(isAlive(local.containerPid), false, "the container is gone with local mode");
    });

    it("returns the new tag value from the container", async () => {
      const url = source.local?.emulatorUrl as string;
      const runtime = new SageMakerRuntimeClient({ region: source.outputs.region, endpoint: url, credentials: EMULATOR_CREDENTIALS });
      try {
        const response = await runtime.send(
          new InvokeEndpointCommand({ EndpointName: source.outputs.endpointName, ContentType: "application/json", Body: '{"instances": [[1, 1, 1, 1]]}' }),
        );
        const body = JSON.parse(response.Body.transformToString()) as { deployment: { tags: Record<string, string> } };
        assert.equal(body.deployment.tags.ModelVersion, newVersion);
      } finally {
        runtime.destroy();
      }
    });

    it("publishes per-version metrics to the emulator's CloudWatch, at the admin URL it prints", async () => {
      const url = source.local?.emulatorUrl as string;
      assert.ok(local.stdout().includes(`curl -s ${url}/_emulator/metrics`), local.stdout());
      const runtime = new SageMakerRuntimeClient({ region: source.outputs.region, endpoint: url, credentials: EMULATOR_CREDENTIALS });
      try {
        for (const body of ['{"instances": [[1, 1, 1, 1]]}', '{"instances": [[2, 2, 2, 2]]}']) {
          await runtime.send(new InvokeEndpointCommand({ EndpointName: source.outputs.endpointName, ContentType: "application/json", Body: body }));
        }
        await assert.rejects(runtime.send(new InvokeEndpointCommand({ EndpointName: source.outputs.endpointName, ContentType: "application/json", Body: "{not json" })));
      } finally {
        runtime.destroy();
      }
      const dimensions = { EndpointName: source.outputs.endpointName, VariantName: "AllTraffic", ModelVersion: newVersion };
      const sum = async (metric: string): Promise<number> => {
        const snapshot = (await (await fetch(`${url}/_emulator/metrics`)).json()) as { series: { metricName: string; dimensions: Record<string, string>; sum: number }[] };
        const series = snapshot.series.filter((entry) => entry.metricName === metric && JSON.stringify(entry.dimensions) === JSON.stringify(dimensions));
        return series.reduce((total, entry) => total + entry.sum, 0);
      };
      const deadline = Date.now() + 20_000;
      while ((await sum("Invocation4XXErrors")) < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      assert.equal(await sum("Invocation4XXErrors"), 1, "the bad request, under this version's dimensions");
      assert.ok((await sum("Invocations")) >= 3, "the invocations of this test at least");
      assert.equal(await sum("Invocation5XXErrors"), 0);
    });

    it("passes the drift check against that config, reading the emulator URL from the outputs file", async () => {
      const result = await runDrift(["--stack", "dev", "--config-dir", configDir, "--outputs-file", outputsFile]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /in the SageMaker API at http:\/\/127\.0\.0\.1:\d+:\nno tag drift/);
    });

    it("reports a tag changed directly in the emulator, with exit code 1", async () => {
      const client = sageMakerClient({ region: source.outputs.region, endpointUrl: source.local?.emulatorUrl });
      try {
        await client.send(new AddTagsCommand({ ResourceArn: source.outputs.endpointConfigArn, Tags: [{ Key: "ModelVersion", Value: "tampered" }] }));
      } finally {
        client.destroy();
      }
      const result = await runDrift(["--stack", "dev", "--config-dir", configDir, "--outputs-file", outputsFile]);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const rows = result.stdout.trimEnd().split("\n").slice(2);
      assert.equal(rows.length, 1, result.stdout);
      assert.match(rows[0], new RegExp(`^endpointConfig\\s+ModelVersion\\s+changed\\s+${newVersion.replace(/\./g, "\\.")}\\s+tampered$`));
    });

    it("refuses an outputs file local mode wrote for another stack", async () => {
      const result = await runDrift(["--stack", "prod", "--outputs-file", outputsFile]);
      assertOneLineError(result, /written by local mode for stack dev, not prod; pass --stack dev/);
    });

    it("reports the repository's own config as drift on every layer", async () => {
      const result = await runDrift(["--stack", "dev", "--outputs-file", outputsFile]);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const rows = result.stdout.trimEnd().split("\n").slice(2);
      assert.deepEqual(
        rows.map((row) => row.split(/\s+/).slice(0, 4).join(" ")),
        ["endpoint ModelVersion changed 1.4.0", "endpointConfig ModelVersion changed 1.4.0", "model ModelVersion changed 1.4.0"],
      );
    });
  });

  describe("hard kills leave nothing running", () => {
    /** Waits up to 15 s for every pid to be gone, then asserts that they are. */
    async function assertGone(pids: Record<string, number>): Promise<void> {
      const deadline = Date.now() + 15_000;
      while (Object.values(pids).some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      for (const [what, pid] of Object.entries(pids)) assert.equal(isAlive(pid), false, `${what} (pid ${pid}) is still running`);
    }

    it("local mode killed with SIGKILL: its container sees stdin close and stops", async () => {
      const local = await startLocalMode(["--port", "0", "--outputs-file", path.join(dir, "killed.json")]);
      local.child.kill("SIGKILL");
      await local.stop();
      await assertGone({ container: local.containerPid });
    });

    it("the process that started local mode killed with SIGKILL: local mode stops everything", async () => {
      const local = await startLocalMode(["--port", "0", "--outputs-file", path.join(dir, "orphaned.json")], true);
      assert.notEqual(local.pid, local.child.pid);
      local.child.kill("SIGKILL");
      await assertGone({ "local mode": local.pid, container: local.containerPid });
    });
  });

  describe("bad input: a one-line error, a non-zero exit, nothing left running", () => {
    it("an unknown stack name", async () => {
      const result = await runLocalMode(["--stack", "staging", "--once"]);
      assertOneLineError(result, /unknown stack "staging": no .*Pulumi\.staging\.yaml \(stacks found: ab, dev, prod\)/);
    });

    it("a stack file with invalid config", async () => {
      const configDir = path.join(dir, "invalid");
      await copyStackConfig(configDir, (config) => {
        config["tagged-endpoint:variant"] = { serverless: { memorySizeInMb: 1000, maxConcurrency: 5 } };
      });
      const result = await runLocalMode(["--config-dir", configDir, "--port", "0", "--once"]);
      assertOneLineError(result, /the Pulumi program failed for stack dev: tagged-endpoint:variant\.serverless\.memorySizeInMb: .*1000/);
    });

    it("an occupied port", async () => {
      const server: Server = createServer();
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const result = await runLocalMode(["--port", String(port), "--once"]);
        assertOneLineError(result, new RegExp(`127\\.0\\.0\\.1:${port}: address already in use; pick another port with --port N`));
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it("a container that fails to start, with its last log lines shown", async () => {
      const emptyModelDir = path.join(dir, "empty-model");
      await mkdir(emptyModelDir, { recursive: true });
      const result = await runLocalMode(["--model-dir", emptyModelDir, "--port", "0"]);
      assertOneLineError(result, /the container's model did not load \(\/ping answers 503\): not ready: the model did not load: no model in .*empty-model/);
      assert.match(result.stdout, /the container's last log lines:\n(.*\n)* {2}\| .*model not loaded/);
      assert.equal(containerPids(result.stdout).length, 1);
      assertNoContainerLeft(result.stdout);
    });

    it("a missing outputs file (drift check)", async () => {
      const missing = path.join(dir, "no-such-outputs.json");
      assertOneLineError(await runDrift(["--outputs-file", missing]), new RegExp(`outputs file ${missing} does not exist`));
    });

    it("a malformed outputs file (drift check)", async () => {
      const malformed = path.join(dir, "malformed.json");
      await writeFile(malformed, '{"endpointName": "x"');
      assertOneLineError(await runDrift(["--outputs-file", malformed]), /malformed\.json: not valid JSON/);
      await writeFile(malformed, '{"endpointName": "x"}');
      assertOneLineError(await runDrift(["--outputs-file", malformed]), /malformed\.json: missing stack output\(s\) endpointArn, /);
    });
  });
});
