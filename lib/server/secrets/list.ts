import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Secret } from "@/lib/schemas/secrets";
import { SECRET_SELECT, toSecret, type SecretRow } from "./rows";

/** The team's live secrets, masked: team level first, then fleets and agents by name, each level by secret name. */
export async function listSecrets(ctx: TeamContext): Promise<{ secrets: Secret[]; nextCursor: null }> {
  assertCan(ctx, "secret:read");
  const sql = await db();
  const rows = await sql<SecretRow[]>`
    select * from (select ${sql.unsafe(SECRET_SELECT)} from secrets s where s.team_id = ${ctx.team.id} and s.deleted_at is null) s
    order by case s.scope_type when 'team' then 0 when 'fleet' then 1 else 2 end, s.target_name nulls last, s.target_id, s.name`;
  return { secrets: rows.map(toSecret), nextCursor: null };
}
