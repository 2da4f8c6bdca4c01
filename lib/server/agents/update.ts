import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Agent, AgentUpdateInput } from "@/lib/schemas/agents";
import { audit } from "../audit/record";
import { getFleetInTeam } from "../fleets/get";
import { publishAgentEvents } from "../events/publish";
import { assertAgentConsistent } from "../policies/scope";
import { getAgentInTeam, toAgent } from "./get";

/** Edits an agent; `paused: true` puts it in maintenance, `paused: false` resumes monitoring. */
export async function updateAgent(ctx: TeamContext, agentId: string, input: AgentUpdateInput): Promise<Agent> {
  assertCan(ctx, "agent:write");
  const sql = await db();
  return sql.begin(async (tx) => {
    const before = await getAgentInTeam(tx, ctx.team.id, agentId, true);
    if (input.fleetId) await getFleetInTeam(tx, ctx.team.id, input.fleetId);
    const status =
      input.paused === true ? "paused" : input.paused === false && before.status === "paused" ? (before.paired_at ? "stale" : "pending") : before.status;
    await tx`
      update agents set
        fleet_id = ${input.fleetId ?? before.fleet_id}, name = ${input.name ?? before.name},
        description = ${input.description ?? before.description}, region = ${input.region ?? before.region},
        tags = ${input.tags ?? before.tags}, heartbeat_interval_s = ${input.heartbeatIntervalS ?? before.heartbeat_interval_s},
        grace_s = ${input.graceS ?? before.grace_s}, status = ${status},
        status_changed_at = case when status <> ${status}::agent_status then now() else status_changed_at end,
        watch_at = case when ${status} = 'paused' or ${status} = 'pending' then null
          when status = 'paused' then now() else watch_at end,
        updated_at = now()
      where id = ${agentId}`;
    if (input.fleetId && input.fleetId !== before.fleet_id) await assertAgentConsistent(tx, ctx.team.id, agentId);
    const after = await getAgentInTeam(tx, ctx.team.id, agentId);
    if (status !== before.status) await publishAgentEvents(tx, [{ teamId: ctx.team.id, agentId, fleetId: after.fleet_id, name: after.name, from: before.status, to: status }]);
    await audit(tx, ctx, { action: "agent.update", targetType: "agent", targetId: agentId, before: toAgent(before), after: input });
    return toAgent(after);
  });
}
