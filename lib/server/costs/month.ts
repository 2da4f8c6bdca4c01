// The UTC month and its forecast, as the costs page and budgets both show it.
const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The UTC month around `now`: its first day, today, the first of the last seven days, and days elapsed and in it. */
export function monthWindow(now: Date) {
  const t = now.getTime();
  const today = isoDay(t);
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  return { month: today.slice(0, 7), first: `${today.slice(0, 7)}-01`, today, weekAgo: isoDay(t - 6 * DAY_MS), daysElapsed: now.getUTCDate(), daysInMonth };
}
export type MonthWindow = ReturnType<typeof monthWindow>;

/** Spent so far and where the month is heading: the last seven days' average for each day left (as the costs page forecasts). */
export function forecastOf(w: MonthWindow, spent: number, lastWeek: number) {
  return { spentUsd: round(spent), forecastUsd: round(spent + (lastWeek / 7) * (w.daysInMonth - w.daysElapsed)) };
}
