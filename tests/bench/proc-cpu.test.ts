import assert from "node:assert/strict";
import { parseProcStat, processTree, processTreeCpuSeconds, treeCpuSeconds, type ProcStat } from "../../bench/proc-cpu";

describe("bench: CPU time from /proc", () => {
  it("reads ppid, user + system and the reaped children's time, whatever the command name holds", () => {
    const line = "4242 (node (worker) x) S 4000 4242 4000 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 11 0 1234 0 0";
    assert.deepEqual(parseProcStat(line), { pid: 4242, ppid: 4000, ownTicks: 300, childrenTicks: 10 });
  });

  it("adds the live descendants (workers) and the root's reaped children, never another tree", () => {
    const stats: ProcStat[] = [
      { pid: 10, ppid: 1, ownTicks: 100, childrenTicks: 50 },
      { pid: 11, ppid: 10, ownTicks: 200, childrenTicks: 999 },
      { pid: 12, ppid: 10, ownTicks: 300, childrenTicks: 0 },
      { pid: 13, ppid: 12, ownTicks: 5, childrenTicks: 0 },
      { pid: 20, ppid: 1, ownTicks: 7000, childrenTicks: 0 },
    ];
    assert.deepEqual(processTree(10, stats).map((s) => s.pid), [10, 11, 12, 13]);
    assert.equal(treeCpuSeconds(10, stats), (100 + 50 + 200 + 300 + 5) / 100);
    assert.equal(treeCpuSeconds(99, stats), 0, "a process that is gone");
  });

  it("agrees with process.cpuUsage() on this process's own CPU time as it burns some", async () => {
    const before = await processTreeCpuSeconds(process.pid);
    const start = process.cpuUsage();
    const used = (): number => {
      const d = process.cpuUsage(start);
      return (d.user + d.system) / 1e6;
    };
    while (used() < 0.3) Math.sqrt(Math.random());
    const after = await processTreeCpuSeconds(process.pid);
    const own = used();
    assert.ok(Math.abs(after - before - own) < 0.05, `/proc says ${after - before} s, cpuUsage ${own} s`);
  });
});
