import { forbidden, notFound } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";

/** Revokes one of the caller's tokens; owners may revoke any token of the team. */
export async function revokeToken(ctx: TeamContext, tokenId: string): Promise<void> {
  if (!isUuid(tokenId)) throw notFound("API token");
  const sql = await db();
  await sql.begin(async (tx) => {
    const [row] = await tx<{ name: string; user_id: string }[]>`
      select name, user_id from api_tokens
      where id = ${tokenId} and team_id = ${ctx.team.id} and revoked_at is null for update`;
    if (!row) throw notFound("API token");
    if (row.user_id !== ctx.user.id && !can(ctx.role, "member:manage")) throw forbidden("Only owners can revoke other people's tokens");
    await tx`update api_tokens set revoked_at = now() where id = ${tokenId}`;
    await audit(tx, ctx, { action: "token.revoke", targetType: "api_token", targetId: tokenId, before: { name: row.name } });
  });
}
