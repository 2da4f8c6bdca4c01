import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { recentAgentEvents } from "../overview/get";
import { getAgentInTeam } from "./get";

/** The agent's last 50 status changes, newest first. */
export async function listAgentEvents(ctx: TeamContext, agentId: string) {
  assertCan(ctx, "agent:read");
  const sql = await db();
  await getAgentInTeam(sql, ctx.team.id, agentId);
  return recentAgentEvents(sql, ctx.team.id, { agentId }, 50);
}
