import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";
import { forgetAgent } from "../heartbeat/offload";
import { getAgentInTeam, toAgent } from "./get";

/** Deletes an agent with its keys, commands and usage; its next heartbeat answers 401. */
export async function deleteAgent(ctx: TeamContext, agentId: string): Promise<void> {
  assertCan(ctx, "agent:write");
  const sql = await db();
  await sql.begin(async (tx) => {
    const before = await getAgentInTeam(tx, ctx.team.id, agentId, true);
    await tx`delete from agents where id = ${agentId}`;
    await audit(tx, ctx, { action: "agent.delete", targetType: "agent", targetId: agentId, before: toAgent(before) });
  });
  forgetAgent(agentId);
}
