import { notFound } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Budget, BudgetUpdateInput } from "@/lib/schemas/budgets";
import { audit } from "../audit/record";
import { checkBudgetReferences } from "./create";
import { getBudgetRow, toBudgets } from "./list";

/** Changes a budget's amount, thresholds, name or delivery; the next evaluation alerts (or resolves) by the new figures. */
export async function updateBudget(ctx: TeamContext, id: string, input: BudgetUpdateInput): Promise<Budget> {
  assertCan(ctx, "budget:manage");
  const sql = await db();
  return sql.begin(async (tx) => {
    const before = await getBudgetRow(tx, ctx.team.id, id);
    await checkBudgetReferences(tx, ctx.team.id, input);
    await tx`
      update budgets set name = ${input.name ?? before.name}, amount_usd = ${input.amountUsd ?? Number(before.amount_usd)},
        thresholds = ${input.thresholds ?? before.thresholds}::int[], forecast_alert = ${input.forecastAlert ?? before.forecast_alert}, updated_at = now()
      where id = ${id}`;
    await tx`
      update alert_rules set name = ${input.name ?? before.name}, threshold = ${input.amountUsd ?? Number(before.amount_usd)},
        severity = ${input.severity ?? before.severity}, squelch_minutes = ${input.squelchMinutes ?? before.squelch_minutes},
        channel_ids = ${input.channelIds ?? before.channel_ids}::uuid[], updated_at = now()
      where id = ${before.rule_id}`;
    const { name, amount_usd, thresholds, forecast_alert, channel_ids, severity, squelch_minutes } = before;
    await audit(tx, ctx, {
      action: "budget.update", targetType: "budget", targetId: id,
      before: { name, amountUsd: Number(amount_usd), thresholds, forecastAlert: forecast_alert, channelIds: channel_ids, severity, squelchMinutes: squelch_minutes },
      after: input,
    });
    const [budget] = await toBudgets(tx, ctx.team.id, [await getBudgetRow(tx, ctx.team.id, id)]);
    if (!budget) throw notFound("Budget");
    return budget;
  });
}
