import type { HeartbeatEvent } from "@/lib/realtime/events";
import type { MetricPoint } from "@/lib/schemas/metrics";

export type Range = "1h" | "24h" | "7d";
export const RANGES: { value: Range; label: string; ms: number }[] = [
  { value: "1h", label: "1 h", ms: 3_600_000 },
  { value: "24h", label: "24 h", ms: 86_400_000 },
  { value: "7d", label: "7 d", ms: 7 * 86_400_000 },
];
export const rangeMs = (range: Range) => RANGES.find((r) => r.value === range)?.ms ?? 86_400_000;
export const isRange = (v: unknown): v is Range => RANGES.some((r) => r.value === v);

export type Series = { from: string; to: string; bucketS: number; points: MetricPoint[] };
export type ChartPoint = MetricPoint & { ts: number };

export const toChart = (s: Series): ChartPoint[] => s.points.map((p) => ({ ...p, ts: new Date(p.t).getTime() }));

/** Adds a live heartbeat to a series shown up to "now": a new bucket when its time has come, else nothing. */
export function appendBeat(points: ChartPoint[], beat: HeartbeatEvent, bucketS: number, windowMs: number): ChartPoint[] {
  const ts = new Date(beat.at).getTime();
  const last = points.at(-1);
  if (last && ts < last.ts + bucketS * 1000) return points;
  const point: ChartPoint = {
    t: beat.at, ts, samples: 1, cpuPct: beat.cpuPct, cpuPctMax: beat.cpuPct, memUsedPct: beat.memUsedPct,
    memPressurePct: beat.memPressurePct, memPressurePctMax: beat.memPressurePct, diskReadBps: null, diskWriteBps: null,
    load1: null, rttMs: beat.rttMs, rttMsMax: beat.rttMs,
  };
  return [...points.filter((p) => p.ts >= ts - windowMs), point];
}

const UNITS = ["B/s", "KB/s", "MB/s", "GB/s"];
export function formatBps(v: number): string {
  let value = v;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 10 || unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

export function formatTick(ts: number, spanMs: number): string {
  const d = new Date(ts);
  if (spanMs > 2 * 86_400_000) return d.toLocaleDateString("en", { weekday: "short", day: "numeric" });
  return d.toLocaleTimeString("en", { hour: "2-digit", minute: "2-digit", hour12: false });
}

/** "avg 23 %, peak 91 %": the chart's gist in words, for screen readers and the caption. */
export function summarize(points: ChartPoint[], key: keyof MetricPoint, format: (v: number) => string): string {
  const values = points.map((p) => p[key]).filter((v): v is number => typeof v === "number");
  if (values.length === 0) return "no data in this window";
  const avg = values.reduce((s, v) => s + v, 0) / values.length;
  return `latest ${format(values.at(-1) ?? 0)}, average ${format(avg)}, peak ${format(Math.max(...values))}`;
}
