import type { Principal } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import type { Team } from "@/lib/schemas/teams";
import { audit } from "../audit/record";
import { toTeam, type TeamRow } from "./get";

/** A new team with the caller as its owner. */
export async function createTeam(principal: Principal, input: { name: string }): Promise<Team> {
  const sql = await db();
  return sql.begin(async (tx) => {
    const [team] = await tx<Omit<TeamRow, "role" | "member_count">[]>`
      insert into teams (name) values (${input.name}) returning id, name, personal, created_at`;
    if (!team) throw new Error("team insert returned nothing");
    await tx`insert into memberships (team_id, user_id, role) values (${team.id}, ${principal.user.id}, 'owner')`;
    await audit(tx, { ...principal, team }, { action: "team.create", targetType: "team", targetId: team.id, after: { name: team.name } });
    return toTeam({ ...team, role: "owner", member_count: 1 });
  });
}
