import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";
import { getBudgetRow } from "./list";

/** Deletes a budget with its rule and the rule's alerts (maintainers and owners). */
export async function deleteBudget(ctx: TeamContext, id: string): Promise<void> {
  assertCan(ctx, "budget:manage");
  const sql = await db();
  await sql.begin(async (tx) => {
    const before = await getBudgetRow(tx, ctx.team.id, id);
    await tx`delete from alert_rules where id = ${before.rule_id} and team_id = ${ctx.team.id}`;
    await audit(tx, ctx, { action: "budget.delete", targetType: "budget", targetId: id, before: { name: before.name, amountUsd: Number(before.amount_usd), scope: { type: before.scope_type, id: before.scope_id } } });
  });
}
