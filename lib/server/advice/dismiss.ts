import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { AdviceActionInput } from "@/lib/schemas/advice";
import { getAgentInTeam } from "../agents/get";
import { audit } from "../audit/record";

const DISMISS_DAYS = 30;

/** Hides advice for that agent and pair of models for 30 days (maintainers and owners), audited. */
export async function dismissAdvice(ctx: TeamContext, input: AdviceActionInput): Promise<{ dismissedUntil: string }> {
  assertCan(ctx, "advice:apply");
  const sql = await db();
  return sql.begin(async (tx) => {
    await getAgentInTeam(tx, ctx.team.id, input.agentId);
    const [row] = await tx<{ until: Date }[]>`
      insert into advice_dismissals (team_id, agent_id, from_model, to_model, until, created_by)
      values (${ctx.team.id}, ${input.agentId}, ${input.fromModel}, ${input.toModel}, now() + make_interval(days => ${DISMISS_DAYS}), ${ctx.user.id})
      on conflict (team_id, agent_id, from_model, to_model) do update set until = excluded.until, created_by = excluded.created_by, created_at = now()
      returning until`;
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, ctx, { action: "advice.dismiss", targetType: "agent", targetId: input.agentId, after: { fromModel: input.fromModel, toModel: input.toModel, until: row.until.toISOString() } });
    return { dismissedUntil: row.until.toISOString() };
  });
}
