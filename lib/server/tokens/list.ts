import type { TeamContext } from "@/lib/auth/context";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { ApiToken } from "@/lib/schemas/tokens";

export type TokenRow = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
};

export const toApiToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  role: r.role,
  prefix: r.prefix,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  expiresAt: r.expires_at?.toISOString() ?? null,
});

/** The caller's live tokens in this team. */
export async function listTokens(ctx: TeamContext): Promise<ApiToken[]> {
  const sql = await db();
  const rows = await sql<TokenRow[]>`
    select id, name, role, prefix, created_at, last_used_at, expires_at from api_tokens
    where team_id = ${ctx.team.id} and user_id = ${ctx.user.id} and revoked_at is null
      and (expires_at is null or expires_at > now())
    order by created_at desc
    limit 200`;
  return rows.map(toApiToken);
}
