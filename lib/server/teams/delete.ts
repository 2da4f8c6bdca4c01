import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";

/**
 * Deletes the team and everything it owns (owners only). Its audit rows go with it, so the deletion
 * is logged to the server's own log. The caller's last team cannot be deleted: they would be left
 * with nowhere to work.
 */
export async function deleteTeam(ctx: TeamContext): Promise<void> {
  assertCan(ctx, "team:delete");
  const sql = await db();
  await sql.begin(async (tx) => {
    const [{ count } = { count: 0 }] = await tx<{ count: number }[]>`
      select count(*)::int as count from memberships where user_id = ${ctx.user.id}`;
    if (count <= 1) throw new AppError("conflict", "This is your only team; create another before deleting it");
    await tx`delete from teams where id = ${ctx.team.id}`;
  });
  console.info(`[audit] team.delete team=${ctx.team.id} by user=${ctx.user.id}`);
}
