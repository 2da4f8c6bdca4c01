import { AppError } from "@/lib/api/errors";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import type { Sql, Tx } from "@/lib/db/client";
import type { ResetLink } from "@/lib/schemas/account";

export const RESET_TTL_MINUTES = 30;

/**
 * The secret travels in the URL fragment: browsers never send a fragment to the server nor put it
 * in a Referer, so it stays out of access logs, proxies and other sites.
 */
export const resetUrl = (origin: string, token: string) => `${origin}/reset-password#token=${token}`;

/** Stores a new one-time reset (its hash only) for a person; the link is returned once. */
export async function insertReset(
  tx: Tx | Sql,
  userId: string,
  origin: string,
  by: { teamId: string; userId: string } | null,
): Promise<ResetLink> {
  const token = generateToken("reset");
  const [row] = await tx<{ expires_at: Date }[]>`
    insert into password_resets (user_id, token_hash, team_id, created_by, expires_at)
    values (${userId}, ${hashToken(token)}, ${by?.teamId ?? null}, ${by?.userId ?? null},
      now() + make_interval(mins => ${RESET_TTL_MINUTES}))
    returning expires_at`;
  if (!row) throw new Error("password reset insert returned nothing");
  return { url: resetUrl(origin, token), expiresAt: row.expires_at.toISOString() };
}

/** For the command line: a reset link for the account with this e-mail address. */
export async function createResetLinkForEmail(sql: Sql, email: string, origin: string): Promise<ResetLink> {
  const [user] = await sql<{ id: string }[]>`select id from users where lower(email) = ${email.trim().toLowerCase()}`;
  if (!user) throw new AppError("not_found", `No account has the e-mail address ${email}`);
  return insertReset(sql, user.id, origin, null);
}
