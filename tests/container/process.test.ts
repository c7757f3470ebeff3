/**
 * The bundled entrypoint as a process, the way the image runs it (`node serve.js serve`): argument and
 * configuration errors, serving against the emulator, and a graceful SIGTERM with requests in flight.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { connect } from "node:net";
import { promisify } from "node:util";
import { SageMakerEmulator } from "../../local/emulator";
import { deployEndpoint, REGION } from "./helpers/emulator";
import { invoke, request, sleep } from "./helpers/http";
import { emulatorEnvironment, listeningUrl, spawnServe, type ServeProcess } from "./helpers/process";

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
  let emu: SageMakerEmulator;
  const running: ServeProcess[] = [];

  before(async () => {
    await promisify(execFile)("npm", ["run", "build", "--silent"], { cwd: `${__dirname}/../..` });
    emu = await SageMakerEmulator.start({ region: REGION });
    await deployEndpoint(emu, ENDPOINT, { endpoint: { DeploymentStage: "dev" }, model: { ModelVersion: "1.4.0" } });
  });
  afterEach(async () => {
    emu.clearFaults();
    for (const serve of running.splice(0)) {
      if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill("SIGKILL");
      await serve.exited;
    }
  });
  after(() => emu.close());

  const serve = (args: string[], env: Record<string, string> = {}): ServeProcess => {
    const started = spawnServe(args, { ...emulatorEnvironment(emu.url, ENDPOINT, REGION, "ModelVersion,DeploymentStage"), ...env });
    running.push(started);
    return started;
  };

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
    emu.setFaults({ latencyMs: 250 });
    const inFlight = Array.from({ length: 5 }, () => invoke(url, ROW));
    await sleep(150);
    proc.child.kill("SIGTERM");
    await sleep(100);
    assert.equal(await tryConnect(port), "ECONNREFUSED");
    const replies = await Promise.all(inFlight);
    assert.deepEqual(replies.map((reply) => reply.status), [200, 200, 200, 200, 200]);
    assert.ok(replies.every((reply) => reply.json.deployment.tagsStatus === "fresh"));
    assert.equal(await proc.exited, 0);
    const messages = proc.lines.map((line) => line.msg);
    assert.ok(messages.includes("shutting down: no new connections, finishing in-flight requests"));
    assert.equal(messages.at(-1), "shut down cleanly");
    assert.equal(proc.lines.find((line) => line.signal === "SIGTERM")?.inFlight, 5);
  });
});
