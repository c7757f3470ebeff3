/**
 * Several workers (SAGEMAKER_MODEL_SERVER_WORKERS) behind one port, as real processes (the bundle)
 * against the emulator through the real AWS SDK: one tag cache in the primary whatever the worker
 * count, tags and their freshness reaching every worker, a killed worker replaced while the endpoint
 * keeps serving, and SIGTERM draining every worker.
 */
import { strict as assert } from "node:assert";
import type { SageMakerEmulator } from "../../local/emulator";
import { useBundleSuite } from "./helpers/bundle-suite";
import { addTags, endpointArn } from "./helpers/emulator";
import { invoke, invokeOnNewConnection, request, sleep, waitFor } from "./helpers/http";
import { CRASH_WINDOW_MS, RestartBackoff, restartDelayMs } from "../../container/src/cluster/restart-backoff";
import { listeningUrl, type ServeProcess } from "./helpers/process";

const ROW = { instances: [[120, 3, 15, 4]] };
const ENDPOINT = "workers-endpoint";

/** The pids of the workers that logged "listening". */
function workerPids(proc: ServeProcess): number[] {
  return proc.lines.filter((line) => line.msg === "listening" && typeof line.pid === "number").map((line) => line.pid as number);
}

describe("container: workers (node:cluster) behind one port", function () {
  this.timeout(45_000);
  const suite = useBundleSuite(ENDPOINT);
  let emu: SageMakerEmulator;
  beforeEach(() => (emu = suite.emu()));

  const serve = (workers: number, env: Record<string, string> = {}): ServeProcess =>
    suite.serve(["serve"], { SAGEMAKER_MODEL_SERVER_WORKERS: String(workers), ...env });

  /** Waits until `count` workers logged "listening"; returns the base URL. */
  const allListening = async (proc: ServeProcess, count: number): Promise<string> => {
    const url = await listeningUrl(proc, 15_000);
    if (count > 1) await waitFor(async () => workerPids(proc).length >= count, 15_000);
    return url;
  };

  /**
   * Control-plane calls over three TTL windows: fresh tags, then three times: let them go stale, send
   * a burst of 30 concurrent invocations (spread over the workers), let the refresh finish.
   */
  const callsOverThreeTtls = async (workers: number): Promise<{ calls: Record<string, number>; servedBy: number }> => {
    const proc = serve(workers, { TAG_CACHE_TTL_SECONDS: "2", LOG_LEVEL: "debug" });
    emu.resetCalls();
    const url = await allListening(proc, workers);
    await waitFor(async () => (await invoke(url, ROW)).json.deployment.tagsStatus === "fresh", 10_000);
    for (let window = 0; window < 3; window++) {
      await sleep(2_300);
      const replies = await Promise.all(Array.from({ length: 30 }, () => invokeOnNewConnection(url, ROW)));
      assert.ok(replies.every((reply) => reply.status === 200));
      await sleep(400);
    }
    const servedBy = new Set(proc.lines.filter((line) => line.msg === "invocation").map((line) => line.pid)).size;
    proc.child.kill("SIGTERM");
    assert.equal(await proc.exited, 0);
    return { calls: emu.calls().byOperation, servedBy };
  };

  it("makes the same control-plane calls per TTL with 1 and with 3 workers (one tag cache, in the primary)", async () => {
    const one = await callsOverThreeTtls(1);
    const three = await callsOverThreeTtls(3);
    assert.ok(three.servedBy >= 2, `invocations were served by ${three.servedBy} worker(s) of 3`);
    // The first load: 3 Describe calls and 3 ListTags; each of the 3 refreshes: 3 ListTags.
    const expected = { DescribeEndpoint: 1, DescribeEndpointConfig: 1, DescribeModel: 1, ListTags: 12 };
    assert.deepEqual(one.calls, expected);
    assert.deepEqual(three.calls, expected);
  });

  it("gives every worker the tags, their stale flag on a failing refresh, and new values after it recovers", async () => {
    const proc = serve(3, { TAG_CACHE_TTL_SECONDS: "1" });
    const url = await allListening(proc, 3);
    await waitFor(async () => (await invoke(url, ROW)).json.deployment.tagsStatus === "fresh", 10_000);
    const fresh = await Promise.all(Array.from({ length: 9 }, () => invokeOnNewConnection(url, ROW)));
    assert.ok(fresh.every((reply) => reply.json.deployment.tagsStatus === "fresh"));
    assert.ok(fresh.every((reply) => reply.json.deployment.tags.ModelVersion === "1.4.0"));

    emu.setFaults({ error: "serverError", operations: ["ListTags"] });
    await sleep(1_200);
    await waitFor(async () => (await invoke(url, ROW)).json.deployment.tagsStatus === "stale", 10_000);
    await waitFor(async () => proc.lines.some((line) => line.msg === "tag refresh failed; serving stale tags"), 15_000);
    const stale = await Promise.all(Array.from({ length: 9 }, () => invokeOnNewConnection(url, ROW)));
    assert.ok(stale.every((reply) => reply.json.deployment.tagsStatus === "stale"), "every worker reports stale");
    assert.ok(stale.every((reply) => reply.json.deployment.tags.ModelVersion === "1.4.0"), "stale keeps the last good tags");

    await addTags(emu, endpointArn(ENDPOINT), { ModelVersion: "2.0.0" });
    emu.clearFaults();
    await waitFor(async () => (await invoke(url, ROW)).json.deployment.tags.ModelVersion === "2.0.0", 15_000, 200);
    const recovered = await Promise.all(Array.from({ length: 9 }, () => invokeOnNewConnection(url, ROW)));
    assert.ok(recovered.every((reply) => reply.json.deployment.tags.ModelVersion === "2.0.0"), "every worker has the new values");
    assert.equal(proc.lines.filter((line) => line.msg === "tag refresh failed; serving stale tags" && line.worker !== undefined).length, 0, "only the primary loads tags");
  });

  it("holds /ping at 503 on every worker until the primary's first load with TAGS_REQUIRED", async () => {
    emu.setFaults({ error: "accessDenied", operations: ["ListTags"] });
    const proc = serve(2, { TAGS_REQUIRED: "true" });
    await allListening(proc, 2);
    const url = await listeningUrl(proc);
    const pings = await Promise.all(Array.from({ length: 6 }, () => request(`${url}/ping`, { headers: { connection: "close" } })));
    assert.deepEqual(pings.map((ping) => ping.status), [503, 503, 503, 503, 503, 503]);
    emu.clearFaults();
    await waitFor(async () => (await request(`${url}/ping`)).status === 200, 10_000, 100);
    const after = await Promise.all(Array.from({ length: 6 }, () => request(`${url}/ping`, { headers: { connection: "close" } })));
    assert.deepEqual(after.map((ping) => ping.status), [200, 200, 200, 200, 200, 200]);
  });

  it("replaces a worker killed with SIGKILL, logs it, and keeps serving", async () => {
    const proc = serve(2);
    const url = await allListening(proc, 2);
    const [victim] = workerPids(proc);
    process.kill(victim, "SIGKILL");
    // Once the primary has seen the exit (a connection handed to the worker in the instant it died is
    // lost: docs/container.md, Workers), the survivor serves everything while the replacement starts.
    await waitFor(async () => proc.lines.some((line) => line.msg === "worker exited; starting a replacement"), 10_000, 10);
    const during = await Promise.all(Array.from({ length: 10 }, () => invokeOnNewConnection(url, ROW)));
    assert.deepEqual(during.map((reply) => reply.status), Array(10).fill(200));
    await waitFor(async () => workerPids(proc).length >= 3, 15_000);
    const exit = proc.lines.find((line) => line.msg === "worker exited; starting a replacement");
    assert.equal(exit?.pid, victim);
    assert.equal(exit?.signal, "SIGKILL");
    const replies = await Promise.all(Array.from({ length: 10 }, () => invokeOnNewConnection(url, ROW)));
    assert.deepEqual(replies.map((reply) => reply.status), Array(10).fill(200));
    assert.ok(replies.every((reply) => reply.json.deployment.tagsStatus === "fresh"), "the replacement got the tags");
    assert.equal(proc.child.exitCode, null, "the primary is still running");
  });

  it("on SIGTERM drains every worker: in-flight requests finish with 200, the primary exits 0 after them", async () => {
    // TTL 0: each invocation is one full read by the primary (4 calls at 250 ms each), about 1 s.
    const proc = serve(3, { TAG_CACHE_TTL_SECONDS: "0" });
    const url = await allListening(proc, 3);
    const pids = workerPids(proc);
    emu.setFaults({ latencyMs: 250 });
    const inFlight = Array.from({ length: 6 }, () => invokeOnNewConnection(url, ROW));
    await sleep(200);
    proc.child.kill("SIGTERM");
    const replies = await Promise.all(inFlight);
    assert.deepEqual(replies.map((reply) => reply.status), Array(6).fill(200));
    assert.ok(replies.every((reply) => reply.json.deployment.tagsStatus === "fresh"));
    assert.equal(await proc.exited, 0);
    const messages = proc.lines.map((line) => line.msg);
    assert.ok(messages.includes("shutting down: draining every worker"));
    assert.equal(proc.lines.filter((line) => line.msg === "shut down cleanly" && line.worker !== undefined).length, 3, "each worker drained");
    const last = proc.lines.at(-1);
    assert.equal(last?.msg, "shut down cleanly");
    assert.ok(last !== undefined && !("worker" in last), "the primary's line comes last");
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), /ESRCH/, `worker ${pid} has exited`);
  });

  // A model that cannot load no longer stops a worker (it serves /ping 503 with the reason), so the start
  // failure here is an address no worker can bind: 192.0.2.1 (TEST-NET-1) is on no interface of this
  // machine, and listen fails at once with EADDRNOTAVAIL (nothing is sent anywhere).
  it("exits 1 when no worker can start (an address it cannot bind), without a crash loop", async () => {
    const proc = serve(2, { SAGEMAKER_BIND_TO_HOST: "192.0.2.1" });
    assert.equal(await proc.exited, 1);
    assert.ok(proc.lines.some((line) => String(line.msg).startsWith("cannot start:")));
    assert.ok(proc.lines.some((line) => line.msg === "a worker exited before any worker could listen; stopping"));
    assert.equal(proc.lines.filter((line) => line.msg === "worker exited; starting a replacement").length, 0);
  });
});

describe("container: replacing crashed workers (backoff)", () => {
  it("replaces at once after an isolated crash, then waits 0.5 s, 1 s, 2 s ... up to 30 s while crashes repeat", () => {
    assert.deepEqual([1, 2, 3, 4, 5, 10].map(restartDelayMs), [0, 500, 1000, 2000, 4000, 30_000]);
  });

  it("counts only the crashes of the last minute", () => {
    const backoff = new RestartBackoff();
    assert.deepEqual([0, 1_000, 2_000].map((at) => backoff.crashed(at)), [0, 500, 1000]);
    assert.equal(backoff.crashed(2_000 + CRASH_WINDOW_MS), 0, "the earlier crashes fell out of the window");
  });
});
