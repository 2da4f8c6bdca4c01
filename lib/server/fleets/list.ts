import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { FleetListQuery } from "@/lib/schemas/fleets";
import { decodeCursor, escapeLike, page } from "../pagination";
import { toFleet, type FleetRow } from "./get";

/** The team's fleets, newest first, optionally filtered by name. */
export async function listFleets(ctx: TeamContext, query: FleetListQuery) {
  assertCan(ctx, "fleet:read");
  const sql = await db();
  const cursor = decodeCursor(query.cursor, 2);
  const rows = await sql<Required<FleetRow>[]>`
    select f.id, f.name, f.description, f.created_at, f.updated_at,
      to_char(f.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_t,
      (select count(*)::int from agents a where a.team_id = f.team_id and a.fleet_id = f.id) as agent_count
    from fleets f
    where f.team_id = ${ctx.team.id}
      ${query.q ? sql`and f.name ilike ${`%${escapeLike(query.q)}%`}` : sql``}
      ${cursor ? sql`and (f.created_at, f.id) < (${cursor[0] ?? ""}::timestamptz, ${cursor[1] ?? ""}::uuid)` : sql``}
    order by f.created_at desc, f.id desc
    limit ${query.limit + 1}`;
  const { items, nextCursor } = page(rows, query.limit, (r) => [r.cursor_t, r.id]);
  return { fleets: items.map(toFleet), nextCursor };
}
