import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";
import { lockMembership } from "./update";

/** Removes a member (owners), or lets a member leave; the last owner can do neither. */
export async function removeMember(ctx: TeamContext, userId: string): Promise<void> {
  const leaving = userId === ctx.user.id;
  if (!leaving) assertCan(ctx, "member:manage");
  const sql = await db();
  await sql.begin(async (tx) => {
    const { target, isLastOwner } = await lockMembership(tx, ctx.team.id, userId);
    if (isLastOwner) throw new AppError("conflict", "The last owner cannot leave; make someone else owner or delete the team");
    await tx`delete from memberships where team_id = ${ctx.team.id} and user_id = ${userId}`;
    await tx`update api_tokens set revoked_at = now() where team_id = ${ctx.team.id} and user_id = ${userId} and revoked_at is null`;
    await audit(tx, ctx, { action: leaving ? "member.leave" : "member.remove", targetType: "user", targetId: userId, before: { role: target.role } });
  });
}
