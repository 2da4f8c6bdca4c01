import { AppError, forbidden } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { atLeast } from "@/lib/auth/roles";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import type { ApiToken, TokenCreateInput } from "@/lib/schemas/tokens";
import { audit } from "../audit/record";
import { toApiToken, type TokenRow } from "./list";

/** A personal API token bound to this team, acting as the caller with at most `role`. */
export async function createToken(ctx: TeamContext, input: TokenCreateInput): Promise<{ token: string; apiToken: ApiToken }> {
  if (ctx.token) throw new AppError("forbidden", "API tokens cannot create other tokens; use a browser session");
  const role = input.role ?? ctx.role;
  if (!atLeast(ctx.role, role)) throw forbidden("A token cannot have a higher role than your own");
  const token = generateToken("api");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const sql = await db();
  const row = await sql.begin(async (tx) => {
    const [created] = await tx<TokenRow[]>`
      insert into api_tokens (team_id, user_id, name, role, token_hash, prefix, expires_at)
      values (${ctx.team.id}, ${ctx.user.id}, ${input.name}, ${role}, ${hashToken(token)}, ${token.slice(0, 12)},
        ${expiresAt})
      returning id, name, role, prefix, created_at, last_used_at, expires_at`;
    if (!created) throw new Error("token insert returned nothing");
    await audit(tx, ctx, { action: "token.create", targetType: "api_token", targetId: created.id, after: { name: input.name, role } });
    return created;
  });
  return { token, apiToken: toApiToken(row) };
}
