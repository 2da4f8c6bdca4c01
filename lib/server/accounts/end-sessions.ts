import { notFound } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/context";
import { isUuid } from "@/lib/auth/context";
import { requireSignedIn } from "@/lib/auth/session-only";
import { db, type Sql, type Tx } from "@/lib/db/client";

/** Revokes a person's live sessions, all of them or all but one; answers how many ended. */
export async function endUserSessions(tx: Tx | Sql, userId: string, { except }: { except?: string } = {}): Promise<number> {
  const rows = await tx`
    update sessions set revoked_at = now()
    where user_id = ${userId} and revoked_at is null and expires_at > now()
      ${except ? tx`and id <> ${except}` : tx``}
    returning id`;
  return rows.length;
}

/** Ends one of the caller's own sessions; anyone else's id answers 404. Says whether it was the current one. */
export async function endSession(principal: Principal, id: string): Promise<{ current: boolean }> {
  const current = requireSignedIn(principal);
  if (!isUuid(id)) throw notFound("Session");
  const sql = await db();
  const rows = await sql`
    update sessions set revoked_at = now()
    where id = ${id} and user_id = ${principal.user.id} and revoked_at is null and expires_at > now()
    returning id`;
  if (rows.length === 0) throw notFound("Session");
  return { current: id === current };
}

/** Ends every session of the caller except the one this request came with. */
export async function endOtherSessions(principal: Principal): Promise<{ endedSessions: number }> {
  const current = requireSignedIn(principal);
  return { endedSessions: await endUserSessions(await db(), principal.user.id, { except: current }) };
}
