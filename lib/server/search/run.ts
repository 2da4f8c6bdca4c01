import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { SearchQuery, SearchResults } from "@/lib/schemas/search";
import { escapeLike } from "../pagination";

/**
 * The command palette's lookup: agents by name, hostname, tag or region and fleets by name,
 * prefix matches first, within the caller's team.
 */
export async function search(ctx: TeamContext, query: SearchQuery): Promise<SearchResults> {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const q = query.q.toLowerCase();
  const like = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q)}%`;
  const [agents, fleets] = await Promise.all([
    sql<SearchResults["agents"]>`
      select a.id, a.name, a.status, a.region, a.tags, a.fleet_id as "fleetId", a.hostname
      from agents a
      where a.team_id = ${ctx.team.id}
        and (lower(a.name) like ${like} or lower(a.hostname) like ${like} or a.region = ${q} or a.tags @> array[${q}]::text[])
      order by (lower(a.name) like ${prefix}) desc, lower(a.name), a.id
      limit ${query.limit}`,
    sql<SearchResults["fleets"]>`
      select f.id, f.name, (select count(*)::int from agents a where a.fleet_id = f.id) as "agentCount"
      from fleets f
      where f.team_id = ${ctx.team.id} and lower(f.name) like ${like}
      order by (lower(f.name) like ${prefix}) desc, lower(f.name), f.id
      limit ${query.limit}`,
  ]);
  return { agents: [...agents], fleets: [...fleets] };
}
