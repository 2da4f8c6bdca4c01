import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { generateToken, hashSessionToken } from "@/lib/auth/tokens";

export type NewSession = { token: string; maxAgeS: number };

/** Opens a session: a random token in the cookie, only its hash in the database. */
export async function createSession(tx: Tx, userId: string, meta: { ip: string; userAgent: string }): Promise<NewSession> {
  const token = generateToken("session");
  const maxAgeS = env().SESSION_TTL_DAYS * 86400;
  await tx`
    insert into sessions (user_id, token_hash, ip, user_agent, expires_at)
    values (${userId}, ${hashSessionToken(token)}, ${meta.ip}, ${meta.userAgent.slice(0, 300)}, now() + make_interval(secs => ${maxAgeS}))`;
  return { token, maxAgeS };
}
