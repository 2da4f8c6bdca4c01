import { AppError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/context";
import type { Role } from "@/lib/auth/roles";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";
import { assertRoomFor } from "../billing/limits";

/** Joins the team an invitation names, when it is pending and addressed to the caller's e-mail. */
export async function acceptInvitation(principal: Principal, token: string) {
  if (principal.token) throw new AppError("forbidden", "Invitations are accepted by people, not API tokens");
  const sql = await db();
  return sql.begin(async (tx) => {
    const [inv] = await tx<{ id: string; team_id: string; team_name: string; email: string; role: Role; expires_at: Date; accepted_at: Date | null; revoked_at: Date | null }[]>`
      select i.id, i.team_id, t.name as team_name, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at
      from invitations i join teams t on t.id = i.team_id
      where i.token_hash = ${hashToken(token)} for update of i`;
    const gone = () => new AppError("not_found", "This invitation does not exist or is no longer valid");
    if (!inv || inv.revoked_at || inv.accepted_at || inv.expires_at.getTime() <= Date.now()) throw gone();
    if (inv.email.toLowerCase() !== principal.user.email.toLowerCase()) {
      throw new AppError("forbidden", `This invitation is for ${inv.email}; log in with that address to accept it`);
    }
    await assertRoomFor(tx, inv.team_id, "members");
    const joined = await tx`
      insert into memberships (team_id, user_id, role) values (${inv.team_id}, ${principal.user.id}, ${inv.role})
      on conflict do nothing returning 1`;
    if (joined.length === 0) throw new AppError("conflict", "You are already a member of this team");
    await tx`update invitations set accepted_at = now(), accepted_by = ${principal.user.id} where id = ${inv.id}`;
    const team = { id: inv.team_id, name: inv.team_name };
    await audit(tx, { ...principal, team }, { action: "invitation.accept", targetType: "invitation", targetId: inv.id, after: { role: inv.role } });
    return { team: { ...team, role: inv.role } };
  });
}
