import assert from "node:assert/strict";
import { parseProcStatus, readProcMemory } from "../../bench/rss";
import { rssAtEnds } from "../../bench/soak";

const STATUS = `Name:\tnode
VmPeak:\t 1234568 kB
VmSize:\t 1200000 kB
VmHWM:\t   61440 kB
VmRSS:\t   51200 kB
RssAnon:\t   30000 kB
Threads:\t11
`;

describe("bench RSS readings", () => {
  it("takes VmRSS and VmHWM (not VmPeak, not RssAnon) from /proc/<pid>/status, in bytes", () => {
    assert.deepEqual(parseProcStatus(STATUS), { rssBytes: 51200 * 1024, peakRssBytes: 61440 * 1024 });
  });

  it("fails clearly when the status has no memory lines (a zombie process)", () => {
    assert.throws(() => parseProcStatus("Name:\tnode\nState:\tZ (zombie)\n"), /no VmRSS line/);
  });

  it("reads this process's own figures, with the high-water mark at or above the current RSS", async () => {
    const memory = await readProcMemory(process.pid);
    assert.ok(memory.rssBytes > 1e6);
    assert.ok(memory.peakRssBytes >= memory.rssBytes);
  });

  it("takes soak start and end RSS as medians of the first and last tenth of the samples", () => {
    const rss = [100, 90, 300, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 220, 230, 240, 250, 260, 900, 270];
    const samples = rss.map((rssBytes, i) => ({ atMs: i * 1000, rssBytes }));
    assert.deepEqual(rssAtEnds(samples), { start: 90, end: 270 });
    assert.deepEqual(rssAtEnds(samples.slice(0, 3)), { start: 100, end: 300 });
  });
});
