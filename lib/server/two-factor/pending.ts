import { generateToken, hashSessionToken } from "@/lib/auth/tokens";
import { db, type Tx } from "@/lib/db/client";

export const PENDING_COOKIE = "ocf_2fa";
export const PENDING_TTL_S = 5 * 60;
export const PENDING_EXPIRED = "This sign-in expired or was already used; enter your e-mail and password again";

export type Pending = { id: string; userId: string; ip: string; userAgent: string };

/** A correct password of a person with two-factor: no session yet, a five-minute, one-time step towards one. */
export async function openPendingSignIn(userId: string, meta: { ip: string; userAgent: string }): Promise<{ token: string; maxAgeS: number }> {
  const token = generateToken("session");
  const sql = await db();
  await sql`delete from pending_sign_ins where expires_at < now() - interval '1 day'`;
  await sql`
    insert into pending_sign_ins (user_id, token_hash, ip, user_agent, expires_at)
    values (${userId}, ${hashSessionToken(token)}, ${meta.ip}, ${meta.userAgent.slice(0, 300)}, now() + make_interval(secs => ${PENDING_TTL_S}))`;
  return { token, maxAgeS: PENDING_TTL_S };
}

/** The pending sign-in behind a cookie, while it is unused and fresh. */
export async function findPendingSignIn(token: string | undefined): Promise<Pending | null> {
  if (!token || token.length > 200) return null;
  const sql = await db();
  const [row] = await sql<{ id: string; user_id: string; ip: string; user_agent: string }[]>`
    select id, user_id, ip, user_agent from pending_sign_ins
    where token_hash = ${hashSessionToken(token)} and used_at is null and expires_at > now()`;
  return row ? { id: row.id, userId: row.user_id, ip: row.ip, userAgent: row.user_agent } : null;
}

/** Uses the pending sign-in up, once: false when it was used meanwhile or expired. */
export async function finishPendingSignIn(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx`update pending_sign_ins set used_at = now() where id = ${id} and used_at is null and expires_at > now() returning id`;
  return rows.length === 1;
}
