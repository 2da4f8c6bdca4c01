import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db/client";
import type { Command, CommandCreateInput } from "@/lib/schemas/commands";
import { audit } from "../audit/record";
import { getAgentInTeam } from "../agents/get";
import { toCommand, type CommandRow } from "./list";
import { plural } from "@/lib/format";

/** Open (pending or delivered) commands an agent may have waiting. */
export const MAX_OPEN = 20;

/** Queues a command in the caller's transaction (the agent must be the team's), with its audit row. */
export async function queueCommand(tx: Tx, ctx: TeamContext, agentId: string, input: CommandCreateInput): Promise<Command> {
  assertCan(ctx, "agent:command");
  await getAgentInTeam(tx, ctx.team.id, agentId, true);
  const [{ open } = { open: 0 }] = await tx<{ open: number }[]>`
    select count(*)::int as open from commands where agent_id = ${agentId} and status in ('pending', 'delivered')`;
  if (open >= MAX_OPEN) throw new AppError("conflict", `This agent already has ${plural(open, "command")} waiting`);
  const [row] = await tx<CommandRow[]>`
    insert into commands (team_id, agent_id, type, args, created_by)
    values (${ctx.team.id}, ${agentId}, ${input.type}, ${JSON.stringify(input.args)}::text::jsonb, ${ctx.user.id})
    returning id, agent_id, type, args, status, created_at, delivered_at, acked_at, result_message`;
  if (!row) throw new Error("command insert returned nothing");
  await audit(tx, ctx, { action: `agent.command.${input.type}`, targetType: "agent", targetId: agentId, after: { commandId: row.id, args: input.args } });
  return toCommand(row);
}

/** Queues a command; it rides on the agent's heartbeat responses until the agent acknowledges it. */
export async function createCommand(ctx: TeamContext, agentId: string, input: CommandCreateInput): Promise<Command> {
  assertCan(ctx, "agent:command");
  const sql = await db();
  return sql.begin((tx) => queueCommand(tx, ctx, agentId, input));
}
