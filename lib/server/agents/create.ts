import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Agent, AgentCreateInput } from "@/lib/schemas/agents";
import { audit } from "../audit/record";
import { assertRoomFor } from "../billing/limits";
import { getFleetInTeam } from "../fleets/get";
import { AGENT_COLUMNS, toAgent, type AgentRow } from "./get";

/** Registers an agent in one of the team's fleets; it stays `pending` until a host pairs with it. */
export async function createAgent(ctx: TeamContext, input: AgentCreateInput): Promise<Agent> {
  assertCan(ctx, "agent:write");
  const sql = await db();
  return sql.begin(async (tx) => {
    await getFleetInTeam(tx, ctx.team.id, input.fleetId);
    await assertRoomFor(tx, ctx.team.id, "agents");
    const [row] = await tx<AgentRow[]>`
      insert into agents as a (team_id, fleet_id, name, description, region, tags, heartbeat_interval_s, grace_s)
      values (${ctx.team.id}, ${input.fleetId}, ${input.name}, ${input.description ?? ""}, ${input.region ?? ""},
        ${input.tags ?? []}, ${input.heartbeatIntervalS ?? 30}, ${input.graceS ?? 60})
      returning ${tx.unsafe(AGENT_COLUMNS)}`;
    if (!row) throw new Error("agent insert returned nothing");
    const agent = toAgent(row);
    await audit(tx, ctx, { action: "agent.create", targetType: "agent", targetId: agent.id, after: input });
    return agent;
  });
}
