import { notFound } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql, type Tx } from "@/lib/db/client";
import type { Fleet } from "@/lib/schemas/fleets";

export type FleetRow = { id: string; name: string; description: string; agent_count: number; created_at: Date; updated_at: Date; cursor_t?: string };

export const toFleet = (r: FleetRow): Fleet => ({
  id: r.id,
  name: r.name,
  description: r.description,
  agentCount: Number(r.agent_count),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Fetch-or-404 within the caller's team: another team's id is indistinguishable from a missing one. */
export async function getFleetInTeam(sql: Sql | Tx, teamId: string, fleetId: string, lock = false): Promise<FleetRow> {
  if (!isUuid(fleetId)) throw notFound("Fleet");
  const [row] = await sql<FleetRow[]>`
    select f.id, f.name, f.description, f.created_at, f.updated_at,
      (select count(*)::int from agents a where a.team_id = f.team_id and a.fleet_id = f.id) as agent_count
    from fleets f where f.id = ${fleetId} and f.team_id = ${teamId}
    ${lock ? sql`for update of f` : sql``}`;
  if (!row) throw notFound("Fleet");
  return row;
}

export async function getFleet(ctx: TeamContext, fleetId: string): Promise<Fleet> {
  assertCan(ctx, "fleet:read");
  return toFleet(await getFleetInTeam(await db(), ctx.team.id, fleetId));
}
