import { notFound } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db/client";
import type { Budget, BudgetCreateInput } from "@/lib/schemas/budgets";
import { audit } from "../audit/record";
import { getBudgetRow, toBudgets } from "./list";

/** Channels and the fleet or agent a budget names must be the team's own (another team's id is simply unknown). */
export async function checkBudgetReferences(tx: Tx, teamId: string, input: { channelIds?: string[]; scope?: BudgetCreateInput["scope"] }) {
  if (input.channelIds) {
    const found = await tx<{ id: string }[]>`select id from alert_channels where team_id = ${teamId} and id = any(${input.channelIds}::uuid[])`;
    if (found.length !== new Set(input.channelIds).size) throw notFound("Channel");
  }
  const scope = input.scope;
  if (scope && scope.type !== "team") {
    const table = scope.type === "fleet" ? "fleets" : "agents";
    const [row] = await tx<{ n: number }[]>`select count(*)::int as n from ${tx(table)} where team_id = ${teamId} and id = ${scope.id}::uuid`;
    if (!row?.n) throw notFound(scope.type === "fleet" ? "Fleet" : "Agent");
  }
}

/** Creates a budget and the alert rule its alerts belong to (maintainers and owners). */
export async function createBudget(ctx: TeamContext, input: BudgetCreateInput): Promise<Budget> {
  assertCan(ctx, "budget:manage");
  const sql = await db();
  return sql.begin(async (tx) => {
    await checkBudgetReferences(tx, ctx.team.id, input);
    const [rule] = await tx<{ id: string }[]>`
      insert into alert_rules (team_id, name, kind, threshold, scope_type, scope_value, severity, squelch_minutes, channel_ids)
      values (${ctx.team.id}, ${input.name}, 'budget', ${input.amountUsd}, ${input.scope.type}, ${input.scope.id ?? ""}, ${input.severity},
        ${input.squelchMinutes}, ${input.channelIds}::uuid[])
      returning id`;
    if (!rule) throw new Error("insert returned nothing");
    const [row] = await tx<{ id: string }[]>`
      insert into budgets (team_id, name, scope_type, scope_id, amount_usd, thresholds, forecast_alert, rule_id, created_by)
      values (${ctx.team.id}, ${input.name}, ${input.scope.type}, ${input.scope.id}, ${input.amountUsd}, ${input.thresholds}::int[],
        ${input.forecastAlert}, ${rule.id}, ${ctx.user.id})
      returning id`;
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, ctx, { action: "budget.create", targetType: "budget", targetId: row.id, after: input });
    const [budget] = await toBudgets(tx, ctx.team.id, [await getBudgetRow(tx, ctx.team.id, row.id)]);
    if (!budget) throw notFound("Budget");
    return budget;
  });
}
