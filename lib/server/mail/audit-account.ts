import type { Tx } from "@/lib/db/client";
import { audit, type AuditEvent } from "../audit/record";

/**
 * A change to a person's own account is written to the audit trail of every team they belong to,
 * since each team's owners answer for who can sign in as their member.
 */
export async function auditAccount(tx: Tx, actor: { user: { id: string; email: string; name: string }; ip: string }, event: AuditEvent): Promise<void> {
  const teams = await tx<{ team_id: string }[]>`select team_id from memberships where user_id = ${actor.user.id} order by team_id`;
  for (const { team_id } of teams) await audit(tx, { user: actor.user, ip: actor.ip, team: { id: team_id } }, event);
}

/** A reset link was used (made by an owner, the command line or "Forgot password"): recorded for the person's teams. */
export async function auditPasswordReset(tx: Tx, userId: string, ip: string, endedSessions: number): Promise<void> {
  const [user] = await tx<{ id: string; email: string; name: string }[]>`select id, email, name from users where id = ${userId}`;
  if (user) await auditAccount(tx, { user, ip }, { action: "account.password_reset", targetType: "user", targetId: user.id, after: { endedSessions } });
}
