// Parsers for Linux /proc files. They take the file contents, so tests feed them real samples.

export interface CpuTimes {
  /** idle + iowait jiffies */
  idle: number;
  /** user + nice + system + idle + iowait + irq + softirq + steal jiffies (guest is inside user) */
  total: number;
}

/** The aggregate "cpu" line of /proc/stat. */
export function parseCpuTimes(stat: string): CpuTimes | null {
  const line = stat.split("\n").find((l) => /^cpu\s/.test(l));
  if (!line) return null;
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) return null;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return { idle: idle + iowait, total: user + nice + system + idle + iowait + irq + softirq + steal };
}

/** Busy share of CPU time between two samples, 0–100 (0 when no time passed). */
export function cpuPercent(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  const idle = after.idle - before.idle;
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, (1 - idle / total) * 100));
}

export interface MemInfo {
  totalKb: number;
  availableKb: number;
}

/** MemTotal and MemAvailable (kernels before 3.14 lack it: MemFree + Buffers + Cached instead). */
export function parseMeminfo(meminfo: string): MemInfo | null {
  const values = new Map<string, number>();
  for (const line of meminfo.split("\n")) {
    const match = /^(\w+):\s+(\d+)/.exec(line);
    if (match?.[1] && match[2]) values.set(match[1], Number(match[2]));
  }
  const totalKb = values.get("MemTotal");
  if (!totalKb) return null;
  const availableKb =
    values.get("MemAvailable") ?? (values.get("MemFree") ?? 0) + (values.get("Buffers") ?? 0) + (values.get("Cached") ?? 0);
  return { totalKb, availableKb };
}

export function memUsedPercent(mem: MemInfo): number {
  return Math.min(100, Math.max(0, (1 - mem.availableKb / mem.totalKb) * 100));
}

/** "some avg10" of /proc/pressure/memory: the share of the last 10 s some task stalled on memory. */
export function parsePressureSomeAvg10(pressure: string): number | null {
  const match = /^some\b.*\bavg10=([\d.]+)/m.exec(pressure);
  if (!match?.[1]) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}

export interface DiskCounters {
  name: string;
  sectorsRead: number;
  sectorsWritten: number;
}

/** Every device line of /proc/diskstats (fields 3, 6 and 10: name, sectors read, sectors written). */
export function parseDiskstats(diskstats: string): DiskCounters[] {
  const disks: DiskCounters[] = [];
  for (const line of diskstats.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !f[2]) continue;
    const sectorsRead = Number(f[5]);
    const sectorsWritten = Number(f[9]);
    if (Number.isFinite(sectorsRead) && Number.isFinite(sectorsWritten)) disks.push({ name: f[2], sectorsRead, sectorsWritten });
  }
  return disks;
}

// Stacked or memory-backed devices would count the same I/O twice (dm, md) or none that is real.
const VIRTUAL = /^(loop|ram|zram|dm-|md|sr|fd|nbd)/;
const PARTITION = /^((sd|vd|xvd|hd)[a-z]+\d+|(nvme\d+n\d+|mmcblk\d+)p\d+)$/;

/** Whole physical disks: listed in /sys/block when given, else not a partition by name; never virtual. */
export function isWholeDisk(name: string, sysBlock?: ReadonlySet<string>): boolean {
  if (VIRTUAL.test(name)) return false;
  return sysBlock ? sysBlock.has(name) : !PARTITION.test(name);
}

export interface DiskTotals {
  sectorsRead: number;
  sectorsWritten: number;
}

export function sumWholeDisks(disks: DiskCounters[], sysBlock?: ReadonlySet<string>): DiskTotals {
  const whole = disks.filter((d) => isWholeDisk(d.name, sysBlock));
  return {
    sectorsRead: whole.reduce((sum, d) => sum + d.sectorsRead, 0),
    sectorsWritten: whole.reduce((sum, d) => sum + d.sectorsWritten, 0),
  };
}

/** Bytes per second read and written between two samples; /proc/diskstats sectors are 512 bytes. */
export function diskRates(before: DiskTotals, after: DiskTotals, elapsedS: number): { readBps: number; writeBps: number } {
  if (elapsedS <= 0) return { readBps: 0, writeBps: 0 };
  const rate = (a: number, b: number) => Math.max(0, ((b - a) * 512) / elapsedS);
  return { readBps: rate(before.sectorsRead, after.sectorsRead), writeBps: rate(before.sectorsWritten, after.sectorsWritten) };
}
