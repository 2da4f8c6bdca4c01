import type { Sql, Tx } from "@/lib/db/client";
import type { MonthWindow } from "../costs/month";

export { forecastOf, monthWindow, type MonthWindow } from "../costs/month";

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
