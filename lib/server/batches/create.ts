import type { TeamContext } from "@/lib/auth/context";
import { assertCan, type Permission } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Batch, BulkAction, BulkActionInput } from "@/lib/schemas/batches";
import { audit } from "../audit/record";
import { EVENTS_CHANNEL } from "../events/notify";
import { applyAction } from "./apply";
import { getBatchInTeam } from "./get";
import { resolveSelection } from "./selection";

/** What each action needs: the same permission as doing it to one agent. */
const PERMISSION: Record<BulkAction, Permission> = {
  restart: "agent:command",
  set_model: "agent:command",
  apply_config: "agent:command",
  pause: "agent:write",
  resume: "agent:write",
  move: "agent:write",
  snooze: "alert:manage",
};

/** How long a batch's commands may wait for their agents before they count as expired. */
const EXPIRES_AFTER = "24 hours";

/**
 * Applies one action to a selection of the team's agents: the batch, its commands or items, one
 * audit row for the batch and one per agent, all in one transaction; listeners hear of it on commit.
 */
export async function createBatch(ctx: TeamContext, input: BulkActionInput): Promise<Batch> {
  assertCan(ctx, PERMISSION[input.action]);
  const sql = await db();
  return sql.begin(async (tx) => {
    const { ids, description } = await resolveSelection(tx, ctx, input.selection);
    const [row] = await tx<{ id: string }[]>`
      insert into batches (team_id, action, args, selection, total, created_by, expires_at)
      values (${ctx.team.id}, ${input.action}, ${JSON.stringify(input.args)}::text::jsonb, ${JSON.stringify(description)}::text::jsonb,
        ${ids.length}, ${ctx.user.id}, now() + ${EXPIRES_AFTER}::interval)
      returning id`;
    if (!row) throw new Error("batch insert returned nothing");
    await applyAction({ tx, ctx, batchId: row.id, ids }, input);
    await audit(tx, ctx, { action: "batch.create", targetType: "batch", targetId: row.id, after: { action: input.action, args: input.args, selection: description, total: ids.length } });
    const notice = JSON.stringify({ type: "batch.changed", teamId: ctx.team.id, batchId: row.id, action: input.action, total: ids.length });
    await tx`select pg_notify(${EVENTS_CHANNEL}, ${notice})`;
    return getBatchInTeam(tx, ctx.team.id, row.id);
  });
}
