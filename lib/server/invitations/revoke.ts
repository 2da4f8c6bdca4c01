import { AppError, notFound } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { isUuid } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";

/** Withdraws a pending invitation so its link stops working. */
export async function revokeInvitation(ctx: TeamContext, invitationId: string): Promise<void> {
  assertCan(ctx, "invitation:revoke");
  if (!isUuid(invitationId)) throw notFound("Invitation");
  const sql = await db();
  await sql.begin(async (tx) => {
    const [row] = await tx<{ email: string; accepted_at: Date | null; revoked_at: Date | null }[]>`
      select email, accepted_at, revoked_at from invitations
      where id = ${invitationId} and team_id = ${ctx.team.id} for update`;
    if (!row) throw notFound("Invitation");
    if (row.accepted_at || row.revoked_at) throw new AppError("conflict", "The invitation is no longer pending");
    await tx`update invitations set revoked_at = now() where id = ${invitationId}`;
    await audit(tx, ctx, { action: "invitation.revoke", targetType: "invitation", targetId: invitationId, before: { email: row.email } });
  });
}
