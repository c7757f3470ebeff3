// Starting and stopping: options checked with one-line errors, an occupied port refused, and the CLI
// entry that runs the emulator standalone until SIGTERM.
import { ListEndpointsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { ChildProcess, spawn } from "node:child_process";
import { strict as assert } from "node:assert";
import { once } from "node:events";
import { EMULATOR_CREDENTIALS, SageMakerEmulator } from "../../local/emulator";
import { parseArgs } from "../../local/emulator/cli";
import { rejection } from "./harness";

const CLI = ["-r", "ts-node/register/transpile-only", "local/emulator/cli.ts"];

/** Runs the CLI with `args`; resolves with the child and its first stdout line (stdout keeps being read). */
async function startCli(args: string[]): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, [...CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) resolve(output.split("\n")[0]);
    });
    child.once("exit", (code) => reject(new Error(`CLI exited with ${code} before printing its URL`)));
  });
  return { child, firstLine };
}

describe("emulator lifecycle", () => {
  it("uses the contract's defaults: loopback, an ephemeral port, us-east-1 and account 123456789012", async () => {
    const emu = await SageMakerEmulator.start();
    try {
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(emu.url, "http://127.0.0.1:0");
      assert.equal(emu.region, "us-east-1");
      assert.equal(emu.accountId, "123456789012");
    } finally {
      await emu.close();
    }
  });

  it("refuses bad options and an occupied port with one-line errors", async () => {
    assert.equal((await rejection(SageMakerEmulator.start({ port: 70000 }))).message, "port must be an integer 0..65535, got 70000");
    assert.match((await rejection(SageMakerEmulator.start({ accountId: "42" }))).message, /accountId must be 12 digits/);
    assert.match((await rejection(SageMakerEmulator.start({ region: "mars" }))).message, /region must look like us-east-1/);
    assert.match((await rejection(SageMakerEmulator.start({ listTagsPageSize: 0 }))).message, /listTagsPageSize must be a positive integer/);
    const first = await SageMakerEmulator.start();
    try {
      const port = Number(new URL(first.url).port);
      const busy = await rejection(SageMakerEmulator.start({ port }));
      assert.equal(busy.message, `SageMaker emulator cannot listen on 127.0.0.1:${port}: address already in use`);
    } finally {
      await first.close();
    }
  });

  it("closes with SDK connections still open, so nothing keeps the process alive", async () => {
    const emu = await SageMakerEmulator.start({ region: "eu-west-1", accountId: "210987654321" });
    const sm = new SageMakerClient({ endpoint: emu.url, region: "eu-west-1", credentials: EMULATOR_CREDENTIALS });
    try {
      assert.deepEqual((await sm.send(new ListEndpointsCommand({}))).Endpoints, []);
    } finally {
      await emu.close();
      sm.destroy();
    }
  });

  it("parses the CLI flags and refuses unknown or malformed ones", () => {
    assert.deepEqual(parseArgs([]), { port: 4599 });
    assert.deepEqual(parseArgs(["--port", "0", "--host", "127.0.0.1", "--list-tags-page-size", "10"]), { port: 0, host: "127.0.0.1", listTagsPageSize: 10 });
    assert.deepEqual(parseArgs(["--deployment-speedup", "100"]), { port: 4599, deploymentTimeFactor: 0.01 });
    assert.throws(() => parseArgs(["--port", "abc"]), /--port must be a whole number from 0 to 65535, got "abc"/);
    assert.throws(() => parseArgs(["--verbose"]), /unknown option "--verbose"/);
    assert.throws(() => parseArgs(["--host"]), /--host needs a value/);
  });

  it("runs standalone from the CLI, prints its URL, serves the SDK and exits 0 on SIGTERM", async function () {
    this.timeout(30_000);
    const { child, firstLine } = await startCli(["--port", "0"]);
    const url = /listening on (http:\/\/\S+)/.exec(firstLine)?.[1];
    assert.ok(url, `no URL in ${JSON.stringify(firstLine)}`);
    const sm = new SageMakerClient({ endpoint: url, region: "us-east-1", credentials: EMULATOR_CREDENTIALS });
    try {
      assert.deepEqual((await sm.send(new ListEndpointsCommand({}))).Endpoints, []);
    } finally {
      sm.destroy();
      child.kill("SIGTERM");
    }
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 0);
  });

  it("exits 2 with a one-line error on a bad flag", async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, [...CLI, "--port", "x"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 2);
    assert.equal(stderr, 'emulator: --port must be a whole number from 0 to 65535, got "x"\n');
  });
});
