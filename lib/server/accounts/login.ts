import { AppError } from "@/lib/api/errors";
import { hashSessionToken } from "@/lib/auth/tokens";
import { decoyHash, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { LoginInput } from "@/lib/schemas/auth";
import { enforceLimits } from "@/lib/rate-limit";
import { beginSecondFactor } from "../two-factor/begin";
import { createSession } from "./sessions";
import { toUser } from "./signup";

// Per account and per address, counted before the password is checked.
export const LOGIN_LIMITS = {
  account: { limit: 10, windowS: 15 * 60 },
  address: { limit: 50, windowS: 15 * 60 },
};

/** Checks the password (in constant time whether or not the account exists) and opens a session. */
export async function logIn(input: LoginInput, meta: { ip: string; userAgent: string }) {
  await enforceLimits([
    { key: `login:account:${input.email}`, rule: LOGIN_LIMITS.account },
    { key: `login:address:${meta.ip}`, rule: LOGIN_LIMITS.address },
  ]);
  const sql = await db();
  const [row] = await sql<{ id: string; email: string; name: string; created_at: Date; password_hash: string }[]>`
    select id, email, name, created_at, password_hash from users where lower(email) = ${input.email}`;
  const ok = await verifyPassword(input.password, row?.password_hash ?? (await decoyHash()));
  if (!row || !ok) throw new AppError("unauthorized", "E-mail or password is wrong");
  // With two-factor on, a correct password opens a pending sign-in, not a session.
  const pending = await beginSecondFactor(row.id, meta);
  if (pending) return { user: toUser(row), pending };
  const session = await sql.begin((tx) => createSession(tx, row.id, meta));
  return { user: toUser(row), session };
}

/** Revokes the session behind a cookie; unknown tokens are ignored. */
export async function logOut(token: string | undefined): Promise<void> {
  if (!token) return;
  const sql = await db();
  await sql`update sessions set revoked_at = now() where token_hash = ${hashSessionToken(token)} and revoked_at is null`;
}
