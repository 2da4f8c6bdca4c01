import { forbidden } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan, atLeast, type Role } from "@/lib/auth/roles";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import type { Invitation } from "@/lib/schemas/teams";
import { audit } from "../audit/record";
import { assertRoomFor } from "../billing/limits";
import { toInvitation, type InvitationRow } from "./list";
import { invitationMail } from "@/lib/mail/templates";
import { mailConfigured } from "@/lib/mail/transport";
import { kickMail, queueMail } from "../mail/outbox";

const TTL_DAYS = 7;

/** Invites an e-mail address with a role; the link to share is returned once (and mailed with SMTP), only its hash kept. */
export async function createInvitation(ctx: TeamContext, input: { email: string; role: Role }, baseUrl: string): Promise<Invitation> {
  assertCan(ctx, "invitation:create");
  if (!atLeast(ctx.role, input.role)) throw forbidden("You cannot invite someone with a higher role than your own");
  const token = generateToken("invitation");
  const url = `${baseUrl}/invite/${token}`;
  const mailed = mailConfigured();
  const sql = await db();
  const row = await sql.begin(async (tx) => {
    await assertRoomFor(tx, ctx.team.id, "members", true);
    const [created] = await tx<InvitationRow[]>`
      insert into invitations (team_id, email, role, token_hash, invited_by, expires_at)
      values (${ctx.team.id}, ${input.email}, ${input.role}, ${hashToken(token)}, ${ctx.user.id},
        now() + make_interval(days => ${TTL_DAYS}))
      returning id, email, role, created_at, expires_at, accepted_at, revoked_at, ${ctx.user.email}::text as invited_by_email`;
    if (!created) throw new Error("invitation insert returned nothing");
    if (mailed) await queueMail(tx, "invitation", invitationMail(input.email, ctx.user, ctx.team.name, input.role, url));
    await audit(tx, ctx, { action: "invitation.create", targetType: "invitation", targetId: created.id, after: { email: input.email, role: input.role } });
    return created;
  });
  if (mailed) kickMail();
  return { ...toInvitation(row), url, mailed };
}
