/**
 * Admission control: invocations beyond the concurrency limit wait in a FIFO queue, a full queue is an
 * early 503 with `Retry-After` and a JSON body, and a waiter whose deadline passes gives up its place.
 */
import { strict as assert } from "node:assert";
import { Admission } from "../../container/src/admission";
import { HttpError } from "../../container/src/errors";
import type { RunningServer } from "../../container/src/start";
import { invoke, sleep } from "./helpers/http";
import { captureLogs } from "./helpers/logs";
import { startTestServer } from "./helpers/server";
import { slowEchoHandler } from "./helpers/slow-handler";

describe("container: admission control", () => {
  it("grants slots in arrival order and refuses at once when the queue is full", async () => {
    const admission = new Admission(1, 2);
    const order: string[] = [];
    const first = await admission.acquire(new AbortController().signal);
    const second = admission.acquire(new AbortController().signal).then((release) => (order.push("second"), release));
    const third = admission.acquire(new AbortController().signal).then((release) => (order.push("third"), release));
    assert.equal(admission.queued(), 2);
    await assert.rejects(admission.acquire(new AbortController().signal), (err: unknown) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.status, 503);
      assert.equal(err.code, "TooManyInvocations");
      assert.deepEqual(err.headers, { "Retry-After": "1" });
      return true;
    });
    first();
    (await second)();
    (await third)();
    assert.deepEqual(order, ["second", "third"]);
    assert.equal(admission.queued(), 0);
  });

  it("drops a waiter whose signal aborts (deadline passed or client gone), so it never takes a slot", async () => {
    const admission = new Admission(1, 5);
    const release = await admission.acquire(new AbortController().signal);
    const abandoned = new AbortController();
    let granted = false;
    void admission.acquire(abandoned.signal).then(() => (granted = true));
    abandoned.abort();
    assert.equal(admission.queued(), 0);
    release();
    await sleep(10);
    assert.equal(granted, false);
    const next = await admission.acquire(new AbortController().signal);
    next();
  });

  describe("over HTTP", () => {
    let server: RunningServer;
    const slow = slowEchoHandler(() => 300);
    before(async () => {
      server = await startTestServer({}, { log: captureLogs().log, handler: slow, maxConcurrentInvocations: 1, maxQueuedInvocations: 1 });
    });
    after(() => server.close());

    it("answers the invocations it can queue and refuses the rest early with a JSON 503 and Retry-After", async () => {
      const started = Date.now();
      const replies = await Promise.all(["a", "b", "c"].map((text) => invoke(server.url, text, { "Content-Type": "text/plain" })));
      const refused = replies.filter((reply) => reply.status === 503);
      assert.deepEqual(replies.map((reply) => reply.status).sort(), [200, 200, 503]);
      assert.equal(refused[0].headers.get("retry-after"), "1");
      assert.equal(refused[0].json.error.code, "TooManyInvocations");
      assert.ok(Date.now() - started >= 550, "the two admitted ran one after the other");
    });
  });
});
