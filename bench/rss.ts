// Resident memory of a process, from /proc/<pid>/status (Linux): the current RSS (VmRSS) and the
// kernel's high-water mark (VmHWM), and a sampler that records RSS over time.
import { readFile } from "node:fs/promises";

/** Memory figures of one process at one moment. */
export interface ProcMemory {
  /** Resident set size now (VmRSS), in bytes. */
  rssBytes: number;
  /** Highest resident set size since the process started (VmHWM), in bytes. */
  peakRssBytes: number;
}

/** Parses the text of /proc/<pid>/status; throws if VmRSS or VmHWM is missing (e.g. a zombie). */
export function parseProcStatus(text: string): ProcMemory {
  return { rssBytes: kilobytesField(text, "VmRSS"), peakRssBytes: kilobytesField(text, "VmHWM") };
}

function kilobytesField(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s*(\\d+)\\s*kB\\s*$`, "m").exec(text);
  if (!match) throw new Error(`no ${field} line in /proc status`);
  return Number(match[1]) * 1024;
}

/** Reads the memory figures of a live process. */
export async function readProcMemory(pid: number): Promise<ProcMemory> {
  return parseProcStatus(await readFile(`/proc/${pid}/status`, "utf8"));
}

/** One RSS reading. */
export interface RssSample {
  /** Milliseconds since the sampler started. */
  atMs: number;
  /** Resident set size, in bytes. */
  rssBytes: number;
}

/** Reads a process's RSS every `intervalMs` (default 500) until stopped, keeping at most `maxSamples` (default 10000). */
export class RssSampler {
  private readonly samples: RssSample[] = [];
  private readonly startedAt = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 500, private readonly maxSamples = 10000) {
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  /** Takes one reading now (ignored once the process is gone or the sample cap is reached). */
  async sample(): Promise<void> {
    if (this.samples.length >= this.maxSamples) return;
    try {
      const { rssBytes } = await readProcMemory(this.pid);
      this.samples.push({ atMs: Date.now() - this.startedAt, rssBytes });
    } catch {
      // the process ended between two readings; the samples so far stand
    }
  }

  /** Stops sampling and returns the readings in time order. */
  stop(): RssSample[] {
    clearInterval(this.timer);
    return [...this.samples];
  }
}
