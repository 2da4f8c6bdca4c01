import type { Principal } from "@/lib/auth/context";
import { describeDevice } from "@/lib/auth/device";
import { requireSignedIn } from "@/lib/auth/session-only";
import { db } from "@/lib/db/client";
import type { AccountSession } from "@/lib/schemas/account";

type SessionRow = { id: string; user_agent: string; ip: string; created_at: Date; last_seen_at: Date; expires_at: Date };

/** The caller's live sessions, most recently active first, the current one marked. */
export async function listSessions(principal: Principal): Promise<AccountSession[]> {
  const current = requireSignedIn(principal);
  const sql = await db();
  const rows = await sql<SessionRow[]>`
    select id, user_agent, ip, created_at, last_seen_at, expires_at from sessions
    where user_id = ${principal.user.id} and revoked_at is null and expires_at > now()
    order by last_seen_at desc, created_at desc, id
    limit 200`;
  return rows.map((r) => ({
    id: r.id,
    device: describeDevice(r.user_agent),
    userAgent: r.user_agent,
    ip: r.ip,
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    current: r.id === current,
  }));
}
