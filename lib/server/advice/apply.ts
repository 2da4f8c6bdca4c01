import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db/client";
import type { Advice, AdviceActionInput } from "@/lib/schemas/advice";
import type { Command } from "@/lib/schemas/commands";
import { getAgentInTeam } from "../agents/get";
import { audit } from "../audit/record";
import { queueCommand } from "../commands/create";
import { computeAdvice } from "./list";

/** The advice as it stands now for that agent and pair of models (another team's agent is unknown). */
async function currentAdvice(tx: Tx, ctx: TeamContext, input: AdviceActionInput): Promise<Advice> {
  await getAgentInTeam(tx, ctx.team.id, input.agentId);
  const advice = (await computeAdvice(tx, ctx.team.id, new Date(), input.agentId)).find((a) => a.fromModel === input.fromModel && a.toModel === input.toModel);
  if (!advice) throw new AppError("conflict", "No such advice for this agent now (dismissed, unavailable, or no longer cheaper)");
  return advice;
}

/** Applies advice: queues `set_model` for the agent (maintainers and owners), audited with the saving it promised. */
export async function applyAdvice(ctx: TeamContext, input: AdviceActionInput): Promise<{ command: Command; advice: Advice }> {
  assertCan(ctx, "advice:apply");
  const sql = await db();
  return sql.begin(async (tx) => {
    const advice = await currentAdvice(tx, ctx, input);
    const command = await queueCommand(tx, ctx, input.agentId, { type: "set_model", args: { model: advice.toModel } });
    await audit(tx, ctx, {
      action: "advice.apply", targetType: "agent", targetId: input.agentId,
      before: { model: advice.fromModel }, after: { model: advice.toModel, commandId: command.id, savingMonthlyUsd: advice.savingMonthlyUsd, savingPct: advice.savingPct },
    });
    return { command, advice };
  });
}
