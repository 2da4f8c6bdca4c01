import type { TeamContext } from "@/lib/auth/context";
import { assertCan, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Invitation } from "@/lib/schemas/teams";

export type InvitationRow = {
  id: string;
  email: string;
  role: Role;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  invited_by_email: string | null;
};

function statusOf(row: InvitationRow): Invitation["status"] {
  if (row.accepted_at) return "accepted";
  if (row.revoked_at) return "revoked";
  return row.expires_at.getTime() <= Date.now() ? "expired" : "pending";
}

export const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  status: statusOf(row),
  invitedBy: row.invited_by_email,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
});

/** The team's invitations of the last 30 days, newest first. */
export async function listInvitations(ctx: TeamContext): Promise<Invitation[]> {
  assertCan(ctx, "member:read");
  const sql = await db();
  const rows = await sql<InvitationRow[]>`
    select i.id, i.email, i.role, i.created_at, i.expires_at, i.accepted_at, i.revoked_at, u.email as invited_by_email
    from invitations i left join users u on u.id = i.invited_by
    where i.team_id = ${ctx.team.id} and i.created_at > now() - interval '30 days'
    order by i.created_at desc
    limit 200`;
  return rows.map(toInvitation);
}
