import { notFound } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { requireSignedIn } from "@/lib/auth/session-only";
import { db } from "@/lib/db/client";
import type { ResetLink } from "@/lib/schemas/account";
import { audit } from "../audit/record";
import { insertReset } from "../accounts/reset-links";

/** An owner makes a one-time password reset link for a member of their team (audited, shown once). */
export async function createMemberResetLink(ctx: TeamContext, userId: string, origin: string): Promise<ResetLink> {
  assertCan(ctx, "member:manage");
  requireSignedIn(ctx);
  const sql = await db();
  return sql.begin(async (tx) => {
    const [member] = await tx<{ email: string }[]>`
      select u.email from memberships m join users u on u.id = m.user_id
      where m.team_id = ${ctx.team.id} and m.user_id = ${userId}`;
    if (!member) throw notFound("Member");
    const link = await insertReset(tx, userId, origin, { teamId: ctx.team.id, userId: ctx.user.id });
    await audit(tx, ctx, { action: "member.reset_link", targetType: "user", targetId: userId, after: { email: member.email, expiresAt: link.expiresAt } });
    return link;
  });
}
