import type { CostSummary } from "@/lib/schemas/costs";

type CostDay = CostSummary["daily"][number];

/** One stacked series: a synthetic key (model names hold dots, which chart libraries read as paths). */
export type StackSeries = { key: string; label: string; color: string };
export type StackRow = { day: string; ts: number; total: number; values: Record<string, number> };

export const OTHER_KEY = "other";
const PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#8b5cf6", "#ef4444", "#06b6d4", "#ec4899", "#84cc16"];
const OTHER_COLOR = "#94a3b8";
const DAY_MS = 86_400_000;

/** "anthropic/claude-haiku-4-5", or the model alone when no provider was reported. */
export const modelLabel = (provider: string, model: string) => (provider ? `${provider}/${model}` : model);

/** Every UTC day from `from` to `to` (YYYY-MM-DD), both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/**
 * Spend per day stacked by the `top` costliest models of the range and "other" for the rest
 * (when more than one model is left over), with every day of the range present.
 */
export function stackByModel(daily: CostDay[], from: string, to: string, top = 8): { series: StackSeries[]; rows: StackRow[] } {
  const totals = new Map<string, number>();
  for (const d of daily) totals.set(modelLabel(d.provider, d.model), (totals.get(modelLabel(d.provider, d.model)) ?? 0) + d.costUsd);
  const ranked = [...totals].filter(([, cost]) => cost > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label]) => label);
  const shown = ranked.length <= top + 1 ? ranked : ranked.slice(0, top);
  const keyOf = new Map(shown.map((label, i) => [label, `m${i}`]));
  const series: StackSeries[] = shown.map((label, i) => ({ key: `m${i}`, label, color: PALETTE[i % PALETTE.length] ?? OTHER_COLOR }));
  if (shown.length < ranked.length) series.push({ key: OTHER_KEY, label: `${ranked.length - shown.length} other models`, color: OTHER_COLOR });
  const rows = new Map(eachDay(from, to).map((day) => [day, { day, ts: Date.parse(`${day}T00:00:00Z`), total: 0, values: {} as Record<string, number> }]));
  for (const d of daily) {
    const row = rows.get(d.day);
    if (!row || d.costUsd === 0) continue;
    const key = keyOf.get(modelLabel(d.provider, d.model)) ?? OTHER_KEY;
    row.values[key] = (row.values[key] ?? 0) + d.costUsd;
    row.total += d.costUsd;
  }
  return { series, rows: [...rows.values()] };
}

/** Total spend per day over the range, every day present: the navigator under the chart. */
export function dailyTotals(daily: CostDay[], from: string, to: string): { day: string; ts: number; total: number }[] {
  const sums = new Map<string, number>();
  for (const d of daily) sums.set(d.day, (sums.get(d.day) ?? 0) + d.costUsd);
  return eachDay(from, to).map((day) => ({ day, ts: Date.parse(`${day}T00:00:00Z`), total: sums.get(day) ?? 0 }));
}

/** The days a brush covers, or null when it covers them all (no zoom). */
export function brushWindow(days: { day: string }[], start: number, end: number): { from: string; to: string } | null {
  if (start <= 0 && end >= days.length - 1) return null;
  const from = days[Math.max(0, start)]?.day;
  const to = days[Math.min(days.length - 1, end)]?.day;
  return from && to ? { from, to } : null;
}

/** Where a window starts and ends among the days (the brush's indexes), the whole range when it is not there. */
export function brushIndexes(days: { day: string }[], from: string, to: string): { startIndex: number; endIndex: number } {
  const start = days.findIndex((d) => d.day >= from);
  const end = days.findLastIndex((d) => d.day <= to);
  return start < 0 || end < start ? { startIndex: 0, endIndex: Math.max(0, days.length - 1) } : { startIndex: start, endIndex: end };
}

// Whole months: the API answers them from its monthly rollups (a zoomed window of loose days reads the daily ones).
export const COST_RANGES = [
  { value: "1m", label: "This month", months: 1 },
  { value: "2m", label: "2 months", months: 2 },
  { value: "3m", label: "3 months", months: 3 },
  { value: "12m", label: "12 months", months: 12 },
] as const;
export const DEFAULT_COST_RANGE = "2m";

/** The first day of the month `months - 1` months before `day`'s: where a range preset starts. */
export function presetStart(day: string, months: number): string {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - months, 1)).toISOString().slice(0, 10);
}
export type CostRange = (typeof COST_RANGES)[number]["value"];
export const isCostRange = (v: unknown): v is CostRange => COST_RANGES.some((r) => r.value === v);

export const FILTER_KEYS = ["from", "to", "fleetId", "agentId", "provider", "model"] as const;
export type CostFilterValues = Partial<Record<(typeof FILTER_KEYS)[number] | "range", string>>;

/** A query string of the set values only ("" when none), e.g. for the costs page or the CSV export. */
export function queryOf(values: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : "";
}

/** The CSV export of what the page shows: its filters and range, one line per day and model or per agent. */
export const exportHref = (by: "day" | "agent", filters: CostFilterValues) =>
  `/api/costs/export${queryOf({ by, ...Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k]])) })}`;
