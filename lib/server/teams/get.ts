import type { Principal, TeamContext } from "@/lib/auth/context";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Team } from "@/lib/schemas/teams";

export type TeamRow = { id: string; name: string; personal: boolean; role: Role; member_count: number; heartbeat_retention_days: number; created_at: Date };

export const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  name: row.name,
  personal: row.personal,
  role: row.role,
  memberCount: Number(row.member_count),
  heartbeatRetentionDays: row.heartbeat_retention_days,
  createdAt: row.created_at.toISOString(),
});

/** The team of the context, as its member sees it. */
export async function getTeam(ctx: TeamContext): Promise<Team> {
  const sql = await db();
  const [row] = await sql<TeamRow[]>`
    select t.id, t.name, t.personal, t.created_at, t.heartbeat_retention_days, ${ctx.role}::team_role as role,
      (select count(*)::int from memberships where team_id = t.id) as member_count
    from teams t where t.id = ${ctx.team.id}`;
  if (!row) throw new Error("team vanished");
  return toTeam(row);
}

/** Every team the caller belongs to (a token sees only its own team). */
export async function listTeams(principal: Principal): Promise<Team[]> {
  const sql = await db();
  const rows = await sql<TeamRow[]>`
    select t.id, t.name, t.personal, t.created_at, t.heartbeat_retention_days, m.role,
      (select count(*)::int from memberships where team_id = t.id) as member_count
    from memberships m join teams t on t.id = m.team_id
    where m.user_id = ${principal.user.id}
      ${principal.token ? sql`and t.id = ${principal.token.teamId}` : sql``}
    order by m.created_at, t.id`;
  return rows.map(toTeam);
}
