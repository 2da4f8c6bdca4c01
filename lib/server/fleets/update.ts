import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Fleet, FleetUpdateInput } from "@/lib/schemas/fleets";
import { audit } from "../audit/record";
import { duplicateFleet } from "./create";
import { getFleetInTeam, toFleet } from "./get";

/** Renames or re-describes a fleet. */
export async function updateFleet(ctx: TeamContext, fleetId: string, input: FleetUpdateInput): Promise<Fleet> {
  assertCan(ctx, "fleet:write");
  const sql = await db();
  return sql.begin(async (tx) => {
    const before = await getFleetInTeam(tx, ctx.team.id, fleetId, true);
    const name = input.name ?? before.name;
    const description = input.description ?? before.description;
    const [clash] = await tx`select 1 from fleets where team_id = ${ctx.team.id} and lower(name) = lower(${name}) and id <> ${fleetId}`;
    if (clash) throw duplicateFleet();
    await tx`update fleets set name = ${name}, description = ${description}, updated_at = now() where id = ${fleetId}`;
    await audit(tx, ctx, {
      action: "fleet.update",
      targetType: "fleet",
      targetId: fleetId,
      before: { name: before.name, description: before.description },
      after: { name, description },
    });
    return toFleet(await getFleetInTeam(tx, ctx.team.id, fleetId));
  });
}
