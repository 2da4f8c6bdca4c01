import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Command } from "@/lib/schemas/commands";
import { getAgentInTeam } from "../agents/get";

export type CommandRow = {
  id: string;
  agent_id: string;
  type: string;
  args: Record<string, unknown>;
  status: Command["status"];
  created_at: Date;
  delivered_at: Date | null;
  acked_at: Date | null;
  result_message: string | null;
};

export const toCommand = (r: CommandRow): Command => ({
  id: r.id,
  agentId: r.agent_id,
  type: r.type,
  args: r.args,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  ackedAt: r.acked_at?.toISOString() ?? null,
  resultMessage: r.result_message,
});

/** The agent's 100 most recent commands and their state. */
export async function listCommands(ctx: TeamContext, agentId: string): Promise<Command[]> {
  assertCan(ctx, "agent:read");
  const sql = await db();
  await getAgentInTeam(sql, ctx.team.id, agentId);
  const rows = await sql<CommandRow[]>`
    select id, agent_id, type, args, status, created_at, delivered_at, acked_at, result_message
    from commands where agent_id = ${agentId} and team_id = ${ctx.team.id}
    order by created_at desc limit 100`;
  return rows.map(toCommand);
}
