import { notFound } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql, type Tx } from "@/lib/db/client";
import type { Budget } from "@/lib/schemas/budgets";
import { budgetSpend, forecastOf, monthWindow, type MonthWindow } from "./month";

export type BudgetRow = {
  id: string; team_id: string; name: string; scope_type: Budget["scope"]["type"]; scope_id: string | null; scope_name: string | null;
  amount_usd: string; thresholds: number[]; forecast_alert: boolean; rule_id: string; channel_ids: string[]; severity: string;
  squelch_minutes: number; created_at: Date; updated_at: Date;
};

/** Budgets with their rule's delivery settings and the name of what they cover. */
export const selectBudgets = (sql: Sql | Tx) => sql`
  select b.id, b.team_id, b.name, b.scope_type, b.scope_id, coalesce(f.name, a.name) as scope_name, b.amount_usd, b.thresholds,
    b.forecast_alert, b.rule_id, r.channel_ids, r.severity, r.squelch_minutes, b.created_at, b.updated_at
  from budgets b join alert_rules r on r.id = b.rule_id
  left join fleets f on b.scope_type = 'fleet' and f.id = b.scope_id left join agents a on b.scope_type = 'agent' and a.id = b.scope_id`;

export async function getBudgetRow(sql: Sql | Tx, teamId: string, id: string): Promise<BudgetRow> {
  if (!isUuid(id)) throw notFound("Budget");
  const [row] = await sql<BudgetRow[]>`${selectBudgets(sql)} where b.id = ${id} and b.team_id = ${teamId}`;
  if (!row) throw notFound("Budget");
  return row;
}

/** The budgets as the API shows them: settings, this month's spend and forecast, and what alerted this month. */
export async function toBudgets(sql: Sql | Tx, teamId: string, rows: BudgetRow[], now = new Date()): Promise<Budget[]> {
  if (rows.length === 0) return [];
  const w: MonthWindow = monthWindow(now);
  const spend = new Map((await budgetSpend(sql, w, teamId)).map((s) => [s.id, s]));
  const marks = await sql<{ rule_id: string; mark: string }[]>`
    select rule_id, mark from alerts where team_id = ${teamId} and rule_id = any(${rows.map((r) => r.rule_id)}::uuid[]) and mark like ${`${w.month}:%`}`;
  return rows.map((r) => {
    const amount = Number(r.amount_usd);
    const s = spend.get(r.id);
    const f = forecastOf(w, s?.spent ?? 0, s?.last_week ?? 0);
    return {
      id: r.id, name: r.name, scope: { type: r.scope_type, id: r.scope_id, name: r.scope_name }, amountUsd: amount, thresholds: r.thresholds,
      forecastAlert: r.forecast_alert, channelIds: r.channel_ids, severity: r.severity, squelchMinutes: r.squelch_minutes, ruleId: r.rule_id,
      month: { month: w.month, ...f, percent: Math.round((f.spentUsd / amount) * 1000) / 10, daysElapsed: w.daysElapsed, daysInMonth: w.daysInMonth },
      fired: marks.filter((m) => m.rule_id === r.rule_id).map((m) => m.mark.slice(w.month.length + 1)),
      createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    };
  });
}

export async function listBudgets(ctx: TeamContext): Promise<Budget[]> {
  assertCan(ctx, "cost:read");
  const sql = await db();
  const rows = await sql<BudgetRow[]>`${selectBudgets(sql)} where b.team_id = ${ctx.team.id} order by b.created_at, b.id`;
  return toBudgets(sql, ctx.team.id, rows);
}

export async function getBudget(ctx: TeamContext, id: string): Promise<Budget> {
  assertCan(ctx, "cost:read");
  const sql = await db();
  const [budget] = await toBudgets(sql, ctx.team.id, [await getBudgetRow(sql, ctx.team.id, id)]);
  if (!budget) throw notFound("Budget");
  return budget;
}
