// The machine a run was measured on, recorded beside the figures.
import { availableParallelism, cpus, loadavg, release, totalmem, type } from "node:os";

/** Hardware and runtime of the measuring machine. */
export interface MachineInfo {
  /** CPU model name as the OS reports it. */
  cpuModel: string;
  /** Logical cores available to this process. */
  cores: number;
  /** Physical memory, in bytes. */
  memoryBytes: number;
  /** Node.js version, e.g. v20.20.2. */
  node: string;
  /** Operating system and kernel release, e.g. "Linux 6.8.0". */
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadAverageAtStart: number;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    node: process.version,
    os: `${type()} ${release()}`,
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}
