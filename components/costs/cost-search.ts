import { CostQuery } from "@/lib/schemas/costs";
import { COST_RANGES, DEFAULT_COST_RANGE, FILTER_KEYS, isCostRange, presetStart, type CostRange } from "./cost-data";

type Search = Record<string, string | string[] | undefined>;
type Window = { from: string; to: string };
export type CostView = {
  range: CostRange;
  /** The filters as asked, with the window shown (from/to) always set. */
  query: CostQuery & Window;
  /** The navigator's days: the range preset, widened to take in the window. */
  whole: Window;
  zoomed: boolean;
  /** Some filters could not be read and were ignored. */
  invalid: boolean;
};

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The costs page's view from its URL: range preset, zoomed window and filters; bad values fall back. */
export function readCostSearch(search: Search, now = Date.now()): CostView {
  const range = isCostRange(search.range) ? search.range : DEFAULT_COST_RANGE;
  const months = COST_RANGES.find((r) => r.value === range)?.months ?? 2;
  const today = isoDay(now);
  const preset = { from: presetStart(today, months), to: today };
  const raw = Object.fromEntries(FILTER_KEYS.flatMap((k) => (typeof search[k] === "string" && search[k] ? [[k, search[k]]] : [])));
  const parsed = CostQuery.safeParse(raw);
  const filters: CostQuery = parsed.success ? parsed.data : {};
  const query = { ...filters, from: filters.from ?? (filters.to ? presetStart(filters.to, months) : preset.from), to: filters.to ?? today };
  const wide = { from: query.from < preset.from ? query.from : preset.from, to: query.to > today ? query.to : today };
  const whole = Date.parse(wide.to) - Date.parse(wide.from) <= 365 * DAY_MS ? wide : { from: query.from, to: query.to };
  return { range, query, whole, zoomed: Boolean(filters.from || filters.to), invalid: !parsed.success };
}
