import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseWrkOutput, RESULT_MARKER, runWrk, wrkScript, writeWrkScript } from "../../bench/wrk";

const SAMPLE = { body: '{"instances": [[1, 2]]}\n', headers: { "content-type": "application/json", "x-amzn-sagemaker-custom-attributes": 'a="b";c=1' } };

describe("bench: wrk", () => {
  it("turns the done() line into req/s of 2xx, non-2xx, socket errors and latencies in ms", () => {
    const stdout =
      "Running 2s test @ http://127.0.0.1:1/invocations\n  1 threads and 2 connections\n" +
      `${RESULT_MARKER}{"requests":1000,"durationUs":2000000,"connect":1,"read":2,"write":0,"status":10,"timeout":3,"p50":350,"p90":800,"p99":2500,"max":9000,"mean":420.5}\n` +
      "Requests/sec: 500.00\n";
    assert.deepEqual(parseWrkOutput(stdout), {
      requestsPerSecond: 495,
      ok: 990,
      non2xx: 10,
      errors: 6,
      durationSeconds: 2,
      latencyMs: { p50: 0.35, p90: 0.8, p99: 2.5, max: 9, mean: 0.4205, count: 1000 },
    });
  });

  it("fails with wrk's own output when the result line is missing", () => {
    assert.throws(() => parseWrkOutput("unable to connect to 127.0.0.1:1 Connection refused\n"), /wrk printed no result line; its output: unable to connect/);
  });

  it("writes a Lua script whose body and headers are byte-exact, quotes and newlines included", async () => {
    const script = wrkScript(SAMPLE);
    assert.match(script, /^wrk\.method = "POST"$/m);
    assert.ok(!script.includes('"b"'), "every byte is escaped, so no quote ends a Lua string early");
    const dir = await mkdtemp(join(tmpdir(), "wrk-test-"));
    try {
      const path = join(dir, "post.lua");
      await writeWrkScript(path, SAMPLE);
      const received: { body: string; headers: Record<string, unknown> }[] = [];
      const server: Server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          if (received.length < 5) received.push({ body, headers: req.headers });
          res.writeHead(req.url === "/fail" ? 500 : 200).end("{}");
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as AddressInfo).port;
      try {
        const ok = await runWrk({ url: `http://127.0.0.1:${port}/invocations`, scriptPath: path, connections: 2, durationSeconds: 1 });
        assert.ok(ok.ok > 10 && ok.non2xx === 0 && ok.errors === 0, JSON.stringify(ok));
        assert.equal(received[0].body, SAMPLE.body);
        assert.equal(received[0].headers["x-amzn-sagemaker-custom-attributes"], 'a="b";c=1');
        const failing = await runWrk({ url: `http://127.0.0.1:${port}/fail`, scriptPath: path, connections: 1, durationSeconds: 1 });
        assert.ok(failing.non2xx > 0 && failing.ok === 0 && failing.requestsPerSecond === 0);
      } finally {
        server.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  before(async function () {
    try {
      await promisify(execFile)("wrk", ["--version"]);
    } catch (err) {
      // wrk --version prints its version and exits 1; only a missing binary is a reason to skip.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        console.log("    (wrk is not installed: apt-get install wrk; skipping the wrk runs)");
        this.skip();
      }
    }
  });
});
