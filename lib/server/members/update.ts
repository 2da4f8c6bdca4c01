import { AppError, notFound } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan, type Role } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db/client";
import type { Member } from "@/lib/schemas/teams";
import { audit } from "../audit/record";
import { toMember, type MemberRow } from "./list";

/** Locks the team's memberships and returns the target's, so last-owner checks cannot race. */
export async function lockMembership(tx: Tx, teamId: string, userId: string) {
  const rows = await tx<{ user_id: string; role: Role }[]>`
    select user_id, role from memberships where team_id = ${teamId} order by user_id for update`;
  const target = rows.find((r) => r.user_id === userId);
  if (!target) throw notFound("Member");
  const owners = rows.filter((r) => r.role === "owner").length;
  return { target, isLastOwner: target.role === "owner" && owners === 1 };
}

/** Changes a member's role (owners only); the last owner cannot be demoted. */
export async function updateMemberRole(ctx: TeamContext, userId: string, role: Role): Promise<Member> {
  assertCan(ctx, "member:manage");
  const sql = await db();
  return sql.begin(async (tx) => {
    const { target, isLastOwner } = await lockMembership(tx, ctx.team.id, userId);
    if (isLastOwner && role !== "owner") {
      throw new AppError("conflict", "A team needs at least one owner; promote someone else first");
    }
    const [row] = await tx<MemberRow[]>`
      update memberships m set role = ${role} from users u
      where m.team_id = ${ctx.team.id} and m.user_id = ${userId} and u.id = m.user_id
      returning m.user_id, u.email, u.name, m.role, m.created_at`;
    if (!row) throw notFound("Member");
    await audit(tx, ctx, { action: "member.update", targetType: "user", targetId: userId, before: { role: target.role }, after: { role } });
    return toMember(row);
  });
}
