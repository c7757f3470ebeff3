import assert from "node:assert/strict";
import { Cleanup } from "../../bench/cleanup";

describe("bench cleanup", () => {
  it("stops the newest part first, skips unregistered parts, and runs once for concurrent callers", async () => {
    const cleanup = new Cleanup();
    const stopped: string[] = [];
    const stop = (name: string) => async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      stopped.push(name);
    };
    cleanup.add("emulator", stop("emulator"));
    const unregister = cleanup.add("stopped on its own", stop("stopped on its own"));
    cleanup.add("server", stop("server"));
    unregister();
    // a signal handler and the main flow's finally both ask for the cleanup; both wait for the one run
    await Promise.all([cleanup.runAll(), cleanup.runAll()]);
    assert.deepEqual(stopped, ["server", "emulator"]);
  });

  it("moves on past a stop action that fails or hangs", async () => {
    const cleanup = new Cleanup();
    const stopped: string[] = [];
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => void errors.push(line);
    try {
      cleanup.add("first", async () => void stopped.push("first"));
      cleanup.add("hangs", () => new Promise<void>(() => undefined));
      cleanup.add("fails", () => Promise.reject(new Error("boom")));
      await cleanup.runAll(20);
    } finally {
      console.error = original;
    }
    assert.deepEqual(stopped, ["first"]);
    assert.deepEqual(errors, ["[bench] stopping fails failed: boom", "[bench] stopping hangs took over 20 ms; moving on"]);
  });
});
