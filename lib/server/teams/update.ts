import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Team, TeamUpdateInput } from "@/lib/schemas/teams";
import { audit } from "../audit/record";
import { assertRetentionAllowed } from "../billing/limits";
import { getTeam } from "./get";

/** Renames the team or changes how long its heartbeat history is kept (owners only). */
export async function updateTeam(ctx: TeamContext, input: TeamUpdateInput): Promise<Team> {
  assertCan(ctx, "team:update");
  const sql = await db();
  await sql.begin(async (tx) => {
    const [before] = await tx<{ name: string; heartbeatRetentionDays: number }[]>`
      select name, heartbeat_retention_days as "heartbeatRetentionDays" from teams where id = ${ctx.team.id} for update`;
    await assertRetentionAllowed(tx, ctx.team.id, before?.heartbeatRetentionDays ?? 30, input.heartbeatRetentionDays);
    await tx`
      update teams set name = ${input.name ?? before?.name ?? ""},
        heartbeat_retention_days = ${input.heartbeatRetentionDays ?? before?.heartbeatRetentionDays ?? 30}, updated_at = now()
      where id = ${ctx.team.id}`;
    await audit(tx, ctx, { action: "team.update", targetType: "team", targetId: ctx.team.id, before, after: input });
  });
  return getTeam(ctx);
}
