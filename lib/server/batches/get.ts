import { AppError, notFound } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql, type Tx } from "@/lib/db/client";
import type { Batch, BatchItem, BatchItemQuery } from "@/lib/schemas/batches";
import { decodeCursor, page } from "../pagination";

export type BatchRow = {
  id: string;
  action: Batch["action"];
  args: Record<string, unknown>;
  selection: Batch["selection"];
  total: number;
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  done: number;
  pending: number;
  failed: number;
  expired: number;
};

/** Batches with their progress: commands count as they stand (open past the expiry: expired), other items as written. */
export const batchSummary = (sql: Sql | Tx) => sql`
  select b.id, b.action, b.args, b.selection, b.total, u.email as created_by, b.created_at, b.expires_at,
    (c.done + i.done)::int as done, c.pending::int as pending, (c.failed + i.failed)::int as failed, c.expired::int as expired
  from batches b
  left join users u on u.id = b.created_by
  cross join lateral (
    select count(*) filter (where status = 'done') as done, count(*) filter (where status = 'failed') as failed,
      count(*) filter (where status in ('pending', 'delivered') and b.expires_at > now()) as pending,
      count(*) filter (where status = 'expired' or (status in ('pending', 'delivered') and b.expires_at <= now())) as expired
    from commands where batch_id = b.id) c
  cross join lateral (
    select count(*) filter (where status = 'done') as done, count(*) filter (where status = 'failed') as failed
    from batch_items where batch_id = b.id) i`;

export const toBatch = (r: BatchRow): Batch => ({
  id: r.id,
  action: r.action,
  args: r.args,
  selection: r.selection,
  total: r.total,
  counts: { done: r.done, pending: r.pending, failed: r.failed, expired: r.expired },
  finished: r.pending === 0,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
});

/** Fetch-or-404 within the caller's team. */
export async function getBatchInTeam(sql: Sql | Tx, teamId: string, batchId: string): Promise<Batch> {
  if (!isUuid(batchId)) throw notFound("Batch");
  const [row] = await sql<BatchRow[]>`${batchSummary(sql)} where b.id = ${batchId} and b.team_id = ${teamId}`;
  if (!row) throw notFound("Batch");
  return toBatch(row);
}

type ItemRow = { agent_id: string; agent_name: string; status: BatchItem["status"]; message: string; command_id: string | null; updated_at: Date };

/** One batch's progress and a page of its agents (by name), optionally only those in one state. */
export async function getBatch(ctx: TeamContext, batchId: string, query: BatchItemQuery) {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const batch = await getBatchInTeam(sql, ctx.team.id, batchId);
  const cursor = decodeCursor(query.cursor, 1);
  if (cursor && !isUuid(cursor[0] ?? "")) throw new AppError("invalid_request", "The cursor does not belong to this list", [{ path: "cursor", message: "Malformed" }]);
  const rows = await sql<ItemRow[]>`
    with items as (
      select c.agent_id,
        case when c.status in ('pending', 'delivered') and b.expires_at <= now() then 'expired'
          when c.status = 'delivered' then 'pending' else c.status end as status,
        coalesce(c.result_message, case c.status when 'pending' then 'Waiting for the next heartbeat'
          when 'delivered' then 'Delivered; waiting for the agent to report' else '' end) as message,
        c.id as command_id, coalesce(c.acked_at, c.delivered_at, c.created_at) as updated_at
      from commands c join batches b on b.id = c.batch_id where c.batch_id = ${batch.id}
      union all
      select i.agent_id, i.status, i.message, null, i.created_at from batch_items i where i.batch_id = ${batch.id}
    )
    select items.*, a.name as agent_name from items join agents a on a.id = items.agent_id
    where a.team_id = ${ctx.team.id}
      ${query.status ? sql`and items.status = ${query.status}` : sql``}
      ${cursor ? sql`and (lower(a.name), a.id) > (select lower(x.name), x.id from agents x where x.id = ${cursor[0] ?? ""}::uuid and x.team_id = ${ctx.team.id})` : sql``}
    order by lower(a.name), a.id
    limit ${query.limit + 1}`;
  const { items, nextCursor } = page(rows, query.limit, (r) => [r.agent_id]);
  return {
    batch,
    items: items.map((r): BatchItem => ({ agentId: r.agent_id, agentName: r.agent_name, status: r.status, message: r.message, commandId: r.command_id, updatedAt: r.updated_at.toISOString() })),
    nextCursor,
  };
}
