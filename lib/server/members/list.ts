import type { TeamContext } from "@/lib/auth/context";
import { assertCan, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Member } from "@/lib/schemas/teams";

export type MemberRow = { user_id: string; email: string; name: string; role: Role; created_at: Date };

export const toMember = (r: MemberRow): Member => ({
  userId: r.user_id,
  email: r.email,
  name: r.name,
  role: r.role,
  joinedAt: r.created_at.toISOString(),
});

/** The team's members, owners first. */
export async function listMembers(ctx: TeamContext): Promise<Member[]> {
  assertCan(ctx, "member:read");
  const sql = await db();
  const rows = await sql<MemberRow[]>`
    select m.user_id, u.email, u.name, m.role, m.created_at
    from memberships m join users u on u.id = m.user_id
    where m.team_id = ${ctx.team.id}
    order by m.role, m.created_at`;
  return rows.map(toMember);
}
