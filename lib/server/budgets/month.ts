import type { Sql, Tx } from "@/lib/db/client";

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

export type BudgetSpendRow = { id: string; spent: number; last_week: number };

/**
 * Each budget's spend from the rollups, for the month and the last seven days: the fleet rollup for
 * a team or fleet, the agent rollup for an agent; one team's budgets, or every team's.
 */
export function budgetSpend(sql: Sql | Tx, w: MonthWindow, teamId: string | null) {
  const from = w.first < w.weekAgo ? w.first : w.weekAgo;
  return sql<BudgetSpendRow[]>`
    select b.id, coalesce(sum(s.cost) filter (where s.day >= ${w.first}::date), 0)::float8 as spent,
      coalesce(sum(s.cost) filter (where s.day >= ${w.weekAgo}::date), 0)::float8 as last_week
    from budgets b left join lateral (
      select f.day, f.reported_cost + f.estimated_cost as cost from cost_fleet_daily f
      where b.scope_type <> 'agent' and f.team_id = b.team_id and (b.scope_type = 'team' or f.fleet_id = b.scope_id)
        and f.day between ${from}::date and ${w.today}::date
      union all
      select g.day, g.reported_cost + g.estimated_cost from cost_agent_daily g
      where b.scope_type = 'agent' and g.team_id = b.team_id and g.agent_id = b.scope_id and g.day between ${from}::date and ${w.today}::date
    ) s on true
    where ${teamId}::uuid is null or b.team_id = ${teamId}::uuid
    group by b.id`;
}
