import { AppError } from "@/lib/api/errors";
import { CHALLENGE_REFUSED } from "@/lib/auth/webauthn";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";

export const CHALLENGE_TTL_S = 5 * 60;
type Purpose = "register" | "sign_in" | "second_factor";
type Binding = { userId?: string; pendingId?: string };

/** Keeps a challenge just issued (its hash), for five minutes. */
export async function storeChallenge(challenge: string, purpose: Purpose, { userId, pendingId }: Binding): Promise<void> {
  const sql = await db();
  await sql`delete from webauthn_challenges where expires_at < now() - interval '1 hour'`;
  await sql`
    insert into webauthn_challenges (challenge_hash, purpose, user_id, pending_id, expires_at)
    values (${hashToken(challenge)}, ${purpose}, ${userId ?? null}, ${pendingId ?? null}, now() + make_interval(secs => ${CHALLENGE_TTL_S}))`;
}

/**
 * Uses up the challenge a browser signed, committed at once: it must have been issued for this
 * purpose (and person or pending sign-in), be fresh and unused. Any attempt burns it, right or wrong.
 */
export async function takeChallenge(challenge: string, purpose: Purpose, { userId, pendingId }: Binding): Promise<void> {
  const sql = await db();
  const rows = await sql`
    update webauthn_challenges set used_at = now()
    where challenge_hash = ${hashToken(challenge)} and purpose = ${purpose} and used_at is null and expires_at > now()
      and user_id is not distinct from ${userId ?? null} and pending_id is not distinct from ${pendingId ?? null}
    returning id`;
  if (rows.length !== 1) throw new AppError("unauthorized", CHALLENGE_REFUSED);
}
