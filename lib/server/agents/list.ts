import { AppError } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql, type Tx } from "@/lib/db/client";
import type { AgentListQuery, AgentSort } from "@/lib/schemas/agents";
import type { AgentFilter } from "@/lib/schemas/batches";
import { decodeCursor, escapeLike, page } from "../pagination";
import { AGENT_COLUMNS, toAgent, type AgentRow } from "./get";

const iso = (expr: string) => `to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const RANK = "array_position(array['offline','stale','degraded','pending','paused','online']::agent_status[], a.status)";
const SEEN = "coalesce(a.last_seen_at, 'epoch'::timestamptz)";

/** Sort keys: the expression, its type for the cursor, and how the cursor spells it. Fixed list, never user text. */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const KEYS: Record<string, { expr: string; cast: string; text: string; valid: RegExp }> = {
  created: { expr: "a.created_at", cast: "timestamptz", text: iso("a.created_at"), valid: TIME },
  name: { expr: "lower(a.name)", cast: "text", text: "lower(a.name)", valid: /^[^\u0000]*$/ },
  status: { expr: RANK, cast: "int", text: `(${RANK})::text`, valid: /^\d{1,2}$/ },
  lastSeen: { expr: SEEN, cast: "timestamptz", text: iso(SEEN), valid: TIME },
};

function sortKey(sort: AgentSort) {
  const desc = sort.startsWith("-");
  const key = KEYS[desc ? sort.slice(1) : sort] ?? KEYS.created;
  if (!key) throw new Error("no sort key");
  return { ...key, desc };
}

/** The list's filter as SQL conditions on `agents a` (the team is the caller's to add); bulk actions resolve the same filter. */
export function agentFilterSql(sql: Sql | Tx, filter: AgentFilter) {
  const q = filter.q?.toLowerCase();
  return sql`
    ${filter.fleetId ? sql`and a.fleet_id = ${filter.fleetId}` : sql``}
    ${filter.status ? sql`and a.status = ${filter.status}` : sql``}
    ${filter.region ? sql`and a.region = ${filter.region}` : sql``}
    ${q ? sql`and (lower(a.name) like ${`%${escapeLike(q)}%`} or lower(a.hostname) like ${`%${escapeLike(q)}%`} or ${q} = any(a.tags))` : sql``}`;
}

/** How many of the team's agents match the list's filter (for "select all N matching"). */
export async function countAgents(ctx: TeamContext, filter: AgentFilter): Promise<number> {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from agents a where a.team_id = ${ctx.team.id} ${agentFilterSql(sql, filter)}`;
  return row?.n ?? 0;
}

/** The team's agents filtered by fleet, status, region and text, in the chosen order; keyset-paginated. */
export async function listAgents(ctx: TeamContext, query: AgentListQuery) {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const key = sortKey(query.sort);
  // A cursor carries its sort and must fit its key's type: a forged one gets a 422, not a cast error.
  const cursor = decodeCursor(query.cursor, 3);
  if (cursor && (cursor[0] !== query.sort || !key.valid.test(cursor[1] ?? "") || !isUuid(cursor[2] ?? ""))) {
    throw new AppError("invalid_request", "The cursor does not belong to this list", [{ path: "cursor", message: "Malformed" }]);
  }
  const dir = sql.unsafe(key.desc ? "desc" : "asc");
  const rows = await sql<Required<AgentRow>[]>`
    select ${sql.unsafe(AGENT_COLUMNS)}, ${sql.unsafe(key.text)} as cursor_t
    from agents a
    where a.team_id = ${ctx.team.id}
      ${agentFilterSql(sql, query)}
      ${cursor ? sql`and (${sql.unsafe(key.expr)}, a.id) ${sql.unsafe(key.desc ? "<" : ">")} (${cursor[1] ?? ""}::${sql.unsafe(key.cast)}, ${cursor[2] ?? ""}::uuid)` : sql``}
    order by ${sql.unsafe(key.expr)} ${dir}, a.id ${dir}
    limit ${query.limit + 1}`;
  const { items, nextCursor } = page(rows, query.limit, (r) => [query.sort, r.cursor_t, r.id]);
  return { agents: items.map(toAgent), nextCursor };
}
