import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { AuditEntry, AuditQuery } from "@/lib/schemas/audit";
import { decodeCursor, escapeLike, page } from "../pagination";

type Row = {
  id: string;
  actor_type: AuditEntry["actor"]["type"];
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string;
  created_at: Date;
};

/** The team's audit trail, newest first, filtered by actor, action, target, text and time. */
export async function listAudit(ctx: TeamContext, query: AuditQuery) {
  assertCan(ctx, "audit:read");
  const sql = await db();
  const cursor = decodeCursor(query.cursor, 1);
  const actor = query.actor;
  const isUuid = actor && /^[0-9a-f-]{36}$/i.test(actor);
  const action = query.action;
  const rows = await sql<Row[]>`
    select id::text, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, ip, created_at
    from audit_log
    where team_id = ${ctx.team.id}
      ${actor ? (isUuid ? sql`and actor_id = ${actor}` : sql`and actor_label ilike ${`${escapeLike(actor)}%`}`) : sql``}
      ${action ? (action.endsWith(".") ? sql`and action like ${`${escapeLike(action)}%`}` : sql`and action = ${action}`) : sql``}
      ${query.target ? sql`and target_id = ${query.target}` : sql``}
      ${query.q ? sql`and concat_ws(' ', actor_label, action, target_type, target_id, before::text, after::text) ilike ${`%${escapeLike(query.q)}%`}` : sql``}
      ${query.from ? sql`and created_at >= ${query.from}` : sql``}
      ${query.to ? sql`and created_at < ${query.to}` : sql``}
      ${cursor ? sql`and id < ${cursor[0] ?? "0"}::bigint` : sql``}
    order by audit_log.id desc
    limit ${query.limit + 1}`;
  const { items, nextCursor } = page(rows, query.limit, (row) => [row.id]);
  return { entries: items.map(toEntry), nextCursor };
}

function toEntry(row: Row): AuditEntry {
  return {
    id: row.id,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
    createdAt: row.created_at.toISOString(),
  };
}
