import type { Principal } from "@/lib/auth/context";
import { isUuid } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import type { TeamSummary } from "@/lib/schemas/auth";
import type { Role } from "@/lib/auth/roles";
import { toUser } from "./signup";
import { AppError } from "@/lib/api/errors";

/** The caller, the teams they belong to, and the team requests act in by default. */
export async function getMe(principal: Principal, preferredTeamId: string | undefined) {
  const sql = await db();
  const [user] = await sql<{ id: string; email: string; name: string; created_at: Date }[]>`
    select id, email, name, created_at from users where id = ${principal.user.id}`;
  if (!user) throw new AppError("unauthorized", "The account no longer exists");
  const rows = await sql<{ id: string; name: string; role: Role; personal: boolean }[]>`
    select t.id, t.name, m.role, t.personal from memberships m join teams t on t.id = m.team_id
    where m.user_id = ${user.id}
      ${principal.token ? sql`and t.id = ${principal.token.teamId}` : sql``}
    order by m.created_at, t.id`;
  const teams: TeamSummary[] = rows.map((r) => ({ ...r }));
  const preferred = preferredTeamId && isUuid(preferredTeamId) ? teams.find((t) => t.id === preferredTeamId) : undefined;
  const activeTeamId = preferred?.id ?? teams[0]?.id ?? null;
  return { user: toUser(user), teams, activeTeamId };
}
