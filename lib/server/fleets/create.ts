import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Fleet, FleetCreateInput } from "@/lib/schemas/fleets";
import { audit } from "../audit/record";
import { toFleet, type FleetRow } from "./get";

export const duplicateFleet = () => new AppError("conflict", "A fleet with this name already exists in the team");

/** Creates a fleet in the caller's team (maintainers and owners). */
export async function createFleet(ctx: TeamContext, input: FleetCreateInput): Promise<Fleet> {
  assertCan(ctx, "fleet:write");
  const sql = await db();
  return sql.begin(async (tx) => {
    const [row] = await tx<FleetRow[]>`
      insert into fleets (team_id, name, description) values (${ctx.team.id}, ${input.name}, ${input.description ?? ""})
      on conflict do nothing
      returning id, name, description, created_at, updated_at, 0 as agent_count`;
    if (!row) throw duplicateFleet();
    await audit(tx, ctx, { action: "fleet.create", targetType: "fleet", targetId: row.id, after: { name: row.name, description: row.description } });
    return toFleet(row);
  });
}
