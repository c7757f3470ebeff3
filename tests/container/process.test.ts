/**
 * The bundled entrypoint as a process, the way the image runs it (`node serve.js serve`): argument and
 * configuration errors, serving against the emulator, and a graceful SIGTERM with requests in flight.
 */
import { strict as assert } from "node:assert";
import { connect } from "node:net";
import type { SageMakerEmulator } from "../../local/emulator";
import { useBundleSuite } from "./helpers/bundle-suite";
import { invoke, request, sleep, waitFor } from "./helpers/http";
import { listeningUrl } from "./helpers/process";

const ROW = { instances: [[120, 3, 15, 4]] };
const ENDPOINT = "bundle-endpoint";

/** Resolves with the error code of a new TCP connection to `port` ("connected" when it succeeds). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe("container: the bundled entrypoint (node container/dist/serve.js)", function () {
  this.timeout(20_000);
  const suite = useBundleSuite(ENDPOINT);
  const serve = suite.serve;
  let emu: SageMakerEmulator;
  beforeEach(() => (emu = suite.emu()));

  it("exits 2 with a usage line without the serve argument", async () => {
    const proc = serve([]);
    assert.equal(await proc.exited, 2);
    assert.match(proc.stderr(), /^usage: node serve\.js serve \(the only command is "serve"; got ""\)\n$/);
  });

  it("exits 1 with one JSON line naming the variable on a configuration error", async () => {
    const proc = serve(["serve"], { TAGS_REQUIRED: "maybe" });
    assert.equal(await proc.exited, 1);
    assert.deepEqual(
      proc.lines.map((line) => [line.level, line.msg]),
      [["error", 'configuration error: TAGS_REQUIRED must be "true" or "false", got "maybe"']],
    );
    assert.equal(proc.stderr(), "");
  });

  it("serves /ping and invocations with the endpoint's tags through the bundled AWS SDK", async () => {
    const proc = serve(["serve"]);
    const url = await listeningUrl(proc);
    assert.equal((await request(`${url}/ping`)).status, 200);
    const reply = await invoke(url, ROW, { "X-Amzn-SageMaker-Custom-Attributes": "trace=t-1" });
    assert.equal(reply.status, 200);
    assert.equal(reply.json.deployment.tagsStatus, "fresh");
    assert.deepEqual(reply.json.deployment.tags, { ModelVersion: "1.4.0", DeploymentStage: "dev" });
    assert.equal(reply.headers.get("x-amzn-sagemaker-custom-attributes"), "trace=t-1");
    assert.ok(proc.lines.every((line) => typeof line.time === "string" && typeof line.level === "string"), "stdout is JSON lines");
    assert.ok(proc.lines.some((line) => line.msg === "tags loaded"));
    assert.equal(proc.stderr(), "", "nothing unstructured on stderr (process warnings are JSON log lines too)");
  });

  it("on SIGTERM refuses new connections, finishes in-flight requests with 200 and exits 0", async () => {
    // TTL 0: each invocation runs 3 Describe calls then ListTags, each delayed 250 ms, so it takes ~1 s.
    const proc = serve(["serve"], { TAG_CACHE_TTL_SECONDS: "0" });
    const url = await listeningUrl(proc);
    const port = Number(new URL(url).port);
    await waitFor(async () => proc.lines.some((line) => line.msg === "tags loaded"), 5_000);
    emu.resetCalls();
    emu.setFaults({ latencyMs: 250 });
    const inFlight = Array.from({ length: 5 }, () => invoke(url, ROW));
    // The first invocation has started its ~1 s read; 300 ms later every request has arrived (queued
    // or running, in one process or spread over the workers) and none can have finished.
    await waitFor(async () => emu.callCount("DescribeEndpoint") >= 1, 5_000, 10);
    await sleep(300);
    proc.child.kill("SIGTERM");
    await waitFor(async () => (await tryConnect(port)) === "ECONNREFUSED", 2_000, 20);
    const replies = await Promise.all(inFlight);
    assert.deepEqual(replies.map((reply) => reply.status), [200, 200, 200, 200, 200]);
    assert.ok(replies.every((reply) => reply.json.deployment.tagsStatus === "fresh"));
    assert.equal(await proc.exited, 0);
    const messages = proc.lines.map((line) => line.msg);
    assert.ok(messages.includes("shutting down: no new connections, finishing in-flight requests"));
    assert.equal(messages.at(-1), "shut down cleanly");
    // One process, or (the default on a multi-core machine) a primary and its workers, each counting its own.
    const inFlightAtSignal = proc.lines.filter((line) => line.signal === "SIGTERM" && typeof line.inFlight === "number");
    assert.equal(inFlightAtSignal.reduce((sum, line) => sum + (line.inFlight as number), 0), 5);
  });
});
