import type { TeamContext } from "@/lib/auth/context";
import { assertCan, type Permission } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db/client";
import type { Batch, BatchAction, BulkAction, BulkActionInput } from "@/lib/schemas/batches";
import { audit } from "../audit/record";
import { EVENTS_CHANNEL } from "../events/notify";
import { alsoBroadcast } from "../realtime/broadcast";
import { applyAction } from "./apply";
import { getBatchInTeam } from "./get";
import { resolveSelection, type Resolved } from "./selection";

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
    const batchId = await insertBatch(tx, ctx, { action: input.action, args: input.args, selection: description, ids });
    await applyAction({ tx, ctx, batchId, ids }, input);
    await batchCreated(tx, ctx, { batchId, action: input.action, args: input.args, selection: description, ids });
    return getBatchInTeam(tx, ctx.team.id, batchId);
  });
}

type NewBatch = { action: BatchAction; args: Record<string, unknown>; selection: Resolved["description"]; ids: string[] };

/** The batch row of an action on `ids`, in the caller's transaction. */
export async function insertBatch(tx: Tx, ctx: TeamContext, b: NewBatch): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into batches (team_id, action, args, selection, total, created_by, expires_at)
    values (${ctx.team.id}, ${b.action}, ${JSON.stringify(b.args)}::text::jsonb, ${JSON.stringify(b.selection)}::text::jsonb,
      ${b.ids.length}, ${ctx.user.id}, now() + ${EXPIRES_AFTER}::interval)
    returning id`;
  if (!row) throw new Error("batch insert returned nothing");
  return row.id;
}

/** The batch's audit row, and its notice to listeners (on commit). */
export async function batchCreated(tx: Tx, ctx: TeamContext, b: NewBatch & { batchId: string }): Promise<void> {
  await audit(tx, ctx, { action: "batch.create", targetType: "batch", targetId: b.batchId, after: { action: b.action, args: b.args, selection: b.selection, total: b.ids.length } });
  const notice = JSON.stringify({ type: "batch.changed", teamId: ctx.team.id, batchId: b.batchId, action: b.action, total: b.ids.length });
  await tx`select pg_notify(${EVENTS_CHANNEL}, p)${tx.unsafe(alsoBroadcast("p"))} from (select ${notice}::text as p) n`;
}
