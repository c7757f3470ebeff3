// CPU time of a server and every process under it (a cluster primary and its workers, gunicorn's
// master and workers), from /proc/<pid>/stat: user + system time of each live process, plus the time
// of its exited and reaped children (cutime + cstime).
import { readdir, readFile } from "node:fs/promises";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux). */
export const CLOCK_TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat the bench reads. */
export interface ProcStat {
  /** Process id. */
  pid: number;
  /** Parent process id. */
  ppid: number;
  /** User + system time of the process itself, in ticks. */
  ownTicks: number;
  /** User + system time of its exited, reaped children, in ticks. */
  childrenTicks: number;
}

/** Parses one /proc/<pid>/stat line (the command name may hold spaces and parentheses). */
export function parseProcStat(text: string): ProcStat {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  const rest = text.slice(close + 2).trim().split(/\s+/).map(Number);
  // rest[0] is field 3 (state); ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  return { pid: Number(text.slice(0, open).trim()), ppid: rest[1], ownTicks: rest[11] + rest[12], childrenTicks: rest[13] + rest[14] };
}

/** `root` and its live descendants, given every process's stat; empty when root is gone. */
export function processTree(root: number, stats: readonly ProcStat[]): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const rootStat = stats.find((stat) => stat.pid === root);
  if (rootStat === undefined) return [];
  const tree = [rootStat];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i].pid) ?? []));
  return tree;
}

/** CPU seconds of `root` and its live descendants, plus the reaped children `root` waited for. */
export function treeCpuSeconds(root: number, stats: readonly ProcStat[]): number {
  const tree = processTree(root, stats);
  const ticks = tree.reduce((sum, stat) => sum + stat.ownTicks, 0) + (tree[0]?.childrenTicks ?? 0);
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Reads every process's stat now (processes that exit meanwhile are skipped). */
export async function readAllProcStats(): Promise<ProcStat[]> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  const stats = await Promise.all(
    pids.map((pid) =>
      readFile(`/proc/${pid}/stat`, "utf8").then(
        (text) => parseProcStat(text),
        () => null,
      ),
    ),
  );
  return stats.filter((stat): stat is ProcStat => stat !== null);
}

/** CPU seconds used so far by `root` and everything under it. */
export async function processTreeCpuSeconds(root: number): Promise<number> {
  return treeCpuSeconds(root, await readAllProcStats());
}
