import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Team } from "@/lib/schemas/teams";
import { audit } from "../audit/record";
import { getTeam } from "./get";

/** Renames the team (owners only). */
export async function renameTeam(ctx: TeamContext, input: { name: string }): Promise<Team> {
  assertCan(ctx, "team:update");
  const sql = await db();
  await sql.begin(async (tx) => {
    const [before] = await tx<{ name: string }[]>`select name from teams where id = ${ctx.team.id} for update`;
    await tx`update teams set name = ${input.name}, updated_at = now() where id = ${ctx.team.id}`;
    await audit(tx, ctx, { action: "team.update", targetType: "team", targetId: ctx.team.id, before, after: { name: input.name } });
  });
  return getTeam(ctx);
}
