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
