import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";
import { getFleetInTeam } from "./get";

/** Deletes a fleet and its agents. */
export async function deleteFleet(ctx: TeamContext, fleetId: string): Promise<void> {
  assertCan(ctx, "fleet:write");
  const sql = await db();
  await sql.begin(async (tx) => {
    const before = await getFleetInTeam(tx, ctx.team.id, fleetId, true);
    await tx`delete from fleets where id = ${fleetId} and team_id = ${ctx.team.id}`;
    await audit(tx, ctx, {
      action: "fleet.delete",
      targetType: "fleet",
      targetId: fleetId,
      before: { name: before.name, description: before.description, agentCount: before.agent_count },
    });
  });
}
