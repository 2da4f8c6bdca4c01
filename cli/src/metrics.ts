import { readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  cpuPercent,
  diskRates,
  memUsedPercent,
  parseCpuTimes,
  parseDiskstats,
  parseMeminfo,
  parsePressureSomeAvg10,
  sumWholeDisks,
} from "./proc-parse";
import type { CpuTimes, DiskTotals } from "./proc-parse";
import { round } from "./text";

/** Host figures as the heartbeat carries them; what the OS cannot tell is left out. */
export interface HostMetrics {
  cpuPct?: number;
  memUsedPct?: number;
  memPressurePct?: number;
  diskReadBps?: number;
  diskWriteBps?: number;
  load1?: number;
}

interface Counters {
  at: number;
  cpu: CpuTimes | null;
  disk: DiskTotals | null;
}

export interface SamplerOptions {
  /** Where /proc and /sys live (tests point this at a fixture tree). */
  root?: string;
  platform?: NodeJS.Platform;
}

/**
 * Rates (CPU, disk) are deltas between consecutive samples, so the sampler keeps the previous
 * counters: prime it once, then every `sample()` covers the time since the one before.
 */
export class MetricsSampler {
  private previous: Counters | null = null;
  private readonly root: string;
  private readonly platform: NodeJS.Platform;

  constructor(options: SamplerOptions = {}) {
    this.root = options.root ?? "/";
    this.platform = options.platform ?? process.platform;
  }

  async prime(): Promise<void> {
    this.previous = await this.counters();
  }

  async sample(): Promise<HostMetrics> {
    const current = await this.counters();
    const before = this.previous;
    this.previous = current;
    const metrics: HostMetrics = {};
    if (before?.cpu && current.cpu) metrics.cpuPct = round(cpuPercent(before.cpu, current.cpu), 1);
    Object.assign(metrics, await this.memory());
    if (before?.disk && current.disk) {
      const rates = diskRates(before.disk, current.disk, (current.at - before.at) / 1000);
      metrics.diskReadBps = Math.round(rates.readBps);
      metrics.diskWriteBps = Math.round(rates.writeBps);
    }
    if (this.platform !== "win32") metrics.load1 = round(os.loadavg()[0] ?? 0, 2);
    return metrics;
  }

  private get linux(): boolean {
    return this.platform === "linux";
  }

  private async counters(): Promise<Counters> {
    const at = performance.now();
    if (!this.linux) return { at, cpu: osCpuTimes(), disk: null };
    const [stat, diskstats, sysBlock] = await Promise.all([this.read("proc/stat"), this.read("proc/diskstats"), this.sysBlock()]);
    return {
      at,
      cpu: (stat === null ? null : parseCpuTimes(stat)) ?? osCpuTimes(),
      disk: diskstats === null ? null : sumWholeDisks(parseDiskstats(diskstats), sysBlock),
    };
  }

  private async memory(): Promise<Pick<HostMetrics, "memUsedPct" | "memPressurePct">> {
    const fallback = { memUsedPct: round((1 - os.freemem() / os.totalmem()) * 100, 1) };
    if (!this.linux) return fallback;
    const [meminfo, pressure] = await Promise.all([this.read("proc/meminfo"), this.read("proc/pressure/memory")]);
    const mem = meminfo === null ? null : parseMeminfo(meminfo);
    const result: Pick<HostMetrics, "memUsedPct" | "memPressurePct"> = mem ? { memUsedPct: round(memUsedPercent(mem), 1) } : fallback;
    const avg10 = pressure === null ? null : parsePressureSomeAvg10(pressure);
    if (avg10 !== null) result.memPressurePct = round(Math.min(100, avg10), 2);
    return result;
  }

  private async read(relative: string): Promise<string | null> {
    try {
      return await readFile(path.join(this.root, relative), "utf8");
    } catch {
      return null;
    }
  }

  private async sysBlock(): Promise<Set<string> | undefined> {
    try {
      return new Set(await readdir(path.join(this.root, "sys/block")));
    } catch {
      return undefined;
    }
  }
}

/** CPU times from the os module (every OS); milliseconds rather than jiffies, which only ratios use. */
function osCpuTimes(): CpuTimes | null {
  const cpus = os.cpus();
  if (cpus.length === 0) return null;
  let idle = 0;
  let total = 0;
  for (const { times } of cpus) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}
