import { db } from "@/lib/db/client";
import { findPendingSignIn } from "./pending";

/** Which second factors the person of a pending sign-in can give; null when there is no live pending sign-in. */
export async function pendingFactors(token: string | undefined): Promise<{ totp: boolean; passkey: boolean } | null> {
  const pending = await findPendingSignIn(token);
  if (!pending) return null;
  const sql = await db();
  const [row] = await sql<{ totp: boolean; passkey: boolean }[]>`
    select exists(select 1 from user_totp where user_id = ${pending.userId} and confirmed_at is not null) as totp,
      exists(select 1 from passkeys where user_id = ${pending.userId}) as passkey`;
  return row ?? null;
}
