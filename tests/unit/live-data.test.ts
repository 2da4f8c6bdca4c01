import { describe, expect, it } from "vitest";
import { appendBeat, formatBps, summarize, toChart } from "@/components/agents/chart-data";
import type { HeartbeatEvent } from "@/lib/realtime/events";

describe("chart data", () => {
  const series = { from: "", to: "", bucketS: 60, points: [0, 1, 2].map((i) => ({ t: new Date(Date.UTC(2026, 10, 25, 0, i)).toISOString(), samples: 2, cpuPct: 10 * (i + 1), cpuPctMax: 50, memUsedPct: 1, memPressurePct: 0, memPressurePctMax: 0, diskReadBps: 0, diskWriteBps: 0, load1: 0, rttMs: 1, rttMsMax: 2 })) };
  const live = (at: string): HeartbeatEvent => ({ type: "agent.heartbeat", agentId: "a", fleetId: "f", seq: 9, status: "online", at, cpuPct: 77, memUsedPct: 5, memPressurePct: 0, rttMs: 4, healthy: true });

  it("adds a live heartbeat as a new bucket only when its bucket's time has come, dropping points out of the window", () => {
    const points = toChart(series);
    expect(appendBeat(points, live("2026-11-25T00:02:30.000Z"), 60, 3_600_000)).toBe(points);
    const next = appendBeat(points, live("2026-11-25T00:03:00.000Z"), 60, 3_600_000);
    expect(next.map((p) => p.cpuPct)).toEqual([10, 20, 30, 77]);
    expect(appendBeat(points, live("2026-11-25T00:03:00.000Z"), 60, 120_000).map((p) => p.cpuPct)).toEqual([20, 30, 77]);
  });

  it("formats rates and summarises a series in words", () => {
    expect([0, 512, 2048, 1536, 5 * 1024 ** 2, 3 * 1024 ** 3].map(formatBps)).toEqual(["0 B/s", "512 B/s", "2.0 KB/s", "1.5 KB/s", "5.0 MB/s", "3.0 GB/s"]);
    expect(summarize(toChart(series), "cpuPct", (v) => `${v} %`)).toBe("latest 30 %, average 20 %, peak 30 %");
    expect(summarize([], "cpuPct", String)).toBe("no data in this window");
  });
});
