import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MetricsSampler } from "@/cli/src/metrics";
import {
  cpuPercent,
  diskRates,
  isWholeDisk,
  memUsedPercent,
  parseCpuTimes,
  parseDiskstats,
  parseMeminfo,
  parsePressureSomeAvg10,
  sumWholeDisks,
} from "@/cli/src/proc-parse";

const STAT_A = `cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0
cpu0 1393280 32966 572056 13343292 6130 0 17875 0 23933 0
intr 1462898 0 9 0
ctxt 3373426
btime 1715000000
`;
const STAT_B = `cpu  10132253 290696 3084769 46828833 16683 0 25195 0 175700 0
cpu0 1393380 32966 572106 13343642 6130 0 17875 0 24000 0
`;
const MEMINFO = `MemTotal:       16318480 kB
MemFree:         1093220 kB
MemAvailable:    9790928 kB
Buffers:          413916 kB
Cached:          7890236 kB
SwapTotal:       2097148 kB
`;
const MEMINFO_OLD_KERNEL = `MemTotal:        1000000 kB
MemFree:          200000 kB
Buffers:           50000 kB
Cached:           150000 kB
`;
const PRESSURE = `some avg10=1.53 avg60=0.87 avg300=0.25 total=4512345
full avg10=0.40 avg60=0.11 avg300=0.02 total=1234567
`;
const DISKSTATS = `   7       0 loop0 48 0 2100 11 0 0 0 0 0 24 11 0 0 0 0 0 0
 259       0 nvme0n1 218716 62590 16563094 41217 602121 466040 28722888 512375 0 470524 566342 0 0 0 0 21453 12749
 259       1 nvme0n1p1 412 1380 20410 88 2 0 2 0 0 96 88 0 0 0 0 0 0
 259       2 nvme0n1p2 218211 61210 16537732 41108 602119 466040 28722886 512375 0 470412 553483 0 0 0 0 0 0
   8       0 sda 5000 100 80000 500 2000 10 40000 900 0 1200 1400
   8       1 sda1 4900 100 79000 490 1990 10 39000 890 0 1190 1380
 253       0 dm-0 218000 0 16500000 41000 1068000 0 28700000 900000 0 470000 941000 0 0 0 0 0 0
  11       0 sr0 0 0 0 0 0 0 0 0 0 0 0
`;

describe("clawfleet /proc parsers on fixed samples", () => {
  it("reads CPU times and computes busy percent between two samples", () => {
    const a = parseCpuTimes(STAT_A);
    const b = parseCpuTimes(STAT_B);
    expect(a).toEqual({ idle: 46828483 + 16683, total: 10132153 + 290696 + 3084719 + 46828483 + 16683 + 25195 });
    if (!a || !b) throw new Error("unparsed");
    // 100 user + 50 system busy, 350 idle: 30 %.
    expect(cpuPercent(a, b)).toBeCloseTo(30, 6);
    expect(cpuPercent(a, a)).toBe(0);
    expect(parseCpuTimes("intr 1 2 3\n")).toBeNull();
  });

  it("reads memory use, with the pre-3.14 fallback", () => {
    const mem = parseMeminfo(MEMINFO);
    expect(mem).toEqual({ totalKb: 16318480, availableKb: 9790928 });
    if (!mem) throw new Error("unparsed");
    expect(memUsedPercent(mem)).toBeCloseTo(40.0, 1);
    expect(parseMeminfo(MEMINFO_OLD_KERNEL)).toEqual({ totalKb: 1000000, availableKb: 400000 });
    expect(parseMeminfo("")).toBeNull();
  });

  it("reads memory pressure 'some avg10'", () => {
    expect(parsePressureSomeAvg10(PRESSURE)).toBe(1.53);
    expect(parsePressureSomeAvg10("full avg10=9.00 avg60=0 avg300=0 total=0\n")).toBeNull();
  });

  it("sums whole disks only: no partitions, loop, device-mapper or optical drives", () => {
    const disks = parseDiskstats(DISKSTATS);
    expect(disks.map((d) => d.name)).toEqual(["loop0", "nvme0n1", "nvme0n1p1", "nvme0n1p2", "sda", "sda1", "dm-0", "sr0"]);
    expect(disks.filter((d) => isWholeDisk(d.name)).map((d) => d.name)).toEqual(["nvme0n1", "sda"]);
    expect(sumWholeDisks(disks)).toEqual({ sectorsRead: 16563094 + 80000, sectorsWritten: 28722888 + 40000 });
    // With /sys/block known, only the devices listed there count (still never virtual ones).
    expect(sumWholeDisks(disks, new Set(["nvme0n1", "loop0", "dm-0", "sr0"]))).toEqual({ sectorsRead: 16563094, sectorsWritten: 28722888 });
  });

  it("turns sector deltas into bytes per second", () => {
    const rates = diskRates({ sectorsRead: 1000, sectorsWritten: 5000 }, { sectorsRead: 3000, sectorsWritten: 5000 + 20 }, 2);
    expect(rates).toEqual({ readBps: 512_000, writeBps: 5_120 });
    expect(diskRates({ sectorsRead: 5, sectorsWritten: 5 }, { sectorsRead: 1, sectorsWritten: 1 }, 1)).toEqual({ readBps: 0, writeBps: 0 });
  });
});

const linux = process.platform === "linux" && existsSync("/proc/stat");

describe.runIf(linux)("clawfleet /proc parsers on this machine", () => {
  it("parse the real /proc files", async () => {
    const a = parseCpuTimes(readFileSync("/proc/stat", "utf8"));
    expect(a?.total).toBeGreaterThan(0);
    // Keep a CPU busy a little so the delta is not empty.
    const until = Date.now() + 150;
    while (Date.now() < until) Math.sqrt(Math.random());
    const b = parseCpuTimes(readFileSync("/proc/stat", "utf8"));
    if (!a || !b) throw new Error("unparsed");
    const pct = cpuPercent(a, b);
    expect(pct).toBeGreaterThanOrEqual(0);
    expect(pct).toBeLessThanOrEqual(100);

    const mem = parseMeminfo(readFileSync("/proc/meminfo", "utf8"));
    if (!mem) throw new Error("unparsed");
    expect(mem.totalKb * 1024).toBeCloseTo(os.totalmem(), -7);
    const used = memUsedPercent(mem);
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(100);

    const disks = parseDiskstats(readFileSync("/proc/diskstats", "utf8"));
    expect(disks.length).toBeGreaterThan(0);
    const totals = sumWholeDisks(disks);
    expect(totals.sectorsRead).toBeGreaterThanOrEqual(0);

    if (existsSync("/proc/pressure/memory")) {
      const avg10 = parsePressureSomeAvg10(readFileSync("/proc/pressure/memory", "utf8"));
      expect(avg10).not.toBeNull();
      expect(avg10).toBeGreaterThanOrEqual(0);
      expect(avg10).toBeLessThanOrEqual(100);
    }
  });

  it("sample the real host twice into heartbeat metrics", async () => {
    const sampler = new MetricsSampler();
    await sampler.prime();
    await new Promise((r) => setTimeout(r, 200));
    const m = await sampler.sample();
    expect(m.cpuPct).toBeGreaterThanOrEqual(0);
    expect(m.cpuPct).toBeLessThanOrEqual(100);
    expect(m.memUsedPct).toBeGreaterThan(0);
    expect(m.diskReadBps).toBeGreaterThanOrEqual(0);
    expect(m.diskWriteBps).toBeGreaterThanOrEqual(0);
    expect(m.load1).toBeGreaterThanOrEqual(0);
    if (existsSync("/proc/pressure/memory")) expect(m.memPressurePct).toBeGreaterThanOrEqual(0);
  });
});

describe("clawfleet metrics sampler", () => {
  it("computes rates between samples from a /proc tree", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "clawfleet-proc-"));
    try {
      await mkdir(path.join(root, "proc", "pressure"), { recursive: true });
      await mkdir(path.join(root, "sys", "block", "nvme0n1"), { recursive: true });
      await writeFile(path.join(root, "proc", "stat"), STAT_A);
      await writeFile(path.join(root, "proc", "meminfo"), MEMINFO);
      await writeFile(path.join(root, "proc", "pressure", "memory"), PRESSURE);
      await writeFile(path.join(root, "proc", "diskstats"), DISKSTATS);
      const sampler = new MetricsSampler({ root, platform: "linux" });
      const first = await sampler.sample();
      expect(first.cpuPct).toBeUndefined();
      expect(first.diskReadBps).toBeUndefined();
      expect(first).toMatchObject({ memUsedPct: 40, memPressurePct: 1.53 });
      await writeFile(path.join(root, "proc", "stat"), STAT_B);
      await writeFile(path.join(root, "proc", "diskstats"), DISKSTATS.replace("16563094", "16565094"));
      await new Promise((r) => setTimeout(r, 50));
      const second = await sampler.sample();
      expect(second.cpuPct).toBe(30);
      expect(second.diskWriteBps).toBe(0);
      // 2000 sectors over ~50 ms: about 20 MB/s, certainly more than over a full second.
      expect(second.diskReadBps).toBeGreaterThan(2000 * 512);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("falls back to the os module elsewhere, leaving out disk figures", async () => {
    const sampler = new MetricsSampler({ platform: "darwin" });
    await sampler.prime();
    await new Promise((r) => setTimeout(r, 100));
    const m = await sampler.sample();
    expect(m.cpuPct).toBeGreaterThanOrEqual(0);
    expect(m.cpuPct).toBeLessThanOrEqual(100);
    expect(m.memUsedPct).toBeGreaterThan(0);
    expect(m.diskReadBps).toBeUndefined();
    expect(m.memPressurePct).toBeUndefined();
    expect(await new MetricsSampler({ platform: "win32" }).sample()).not.toHaveProperty("load1");
  });
});
