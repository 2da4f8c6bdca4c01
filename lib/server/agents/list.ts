import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { AgentListQuery } from "@/lib/schemas/agents";
import { decodeCursor, escapeLike, page } from "../pagination";
import { AGENT_COLUMNS, toAgent, type AgentRow } from "./get";

/** The team's agents, newest first, filtered by fleet, status, region and text; keyset-paginated. */
export async function listAgents(ctx: TeamContext, query: AgentListQuery) {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const cursor = decodeCursor(query.cursor, 2);
  const q = query.q?.toLowerCase();
  const rows = await sql<Required<AgentRow>[]>`
    select ${sql.unsafe(AGENT_COLUMNS)},
      to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_t
    from agents a
    where a.team_id = ${ctx.team.id}
      ${query.fleetId ? sql`and a.fleet_id = ${query.fleetId}` : sql``}
      ${query.status ? sql`and a.status = ${query.status}` : sql``}
      ${query.region ? sql`and a.region = ${query.region}` : sql``}
      ${q ? sql`and (lower(a.name) like ${`%${escapeLike(q)}%`} or lower(a.hostname) like ${`%${escapeLike(q)}%`} or ${q} = any(a.tags))` : sql``}
      ${cursor ? sql`and (a.created_at, a.id) < (${cursor[0] ?? ""}::timestamptz, ${cursor[1] ?? ""}::uuid)` : sql``}
    order by a.created_at desc, a.id desc
    limit ${query.limit + 1}`;
  const { items, nextCursor } = page(rows, query.limit, (r) => [r.cursor_t, r.id]);
  return { agents: items.map(toAgent), nextCursor };
}
