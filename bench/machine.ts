import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";

/** The machine a benchmark ran on, as recorded in bench/results.json. */
export interface MachineInfo {
  /** `platform release arch`, e.g. `linux 6.1.0 x64`. */
  os: string;
  /** Number of logical CPUs. */
  cpus: number;
  /** Model name of the first CPU. */
  cpuModel: string;
  /** Total memory in GiB, rounded. */
  memoryGiB: number;
  /** `process.version`. */
  node: string;
  /** 1-minute load average when the run started: above the CPU count, other work competed with the benchmark. */
  loadAverage: number;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    os: `${platform()} ${release()} ${arch()}`,
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
