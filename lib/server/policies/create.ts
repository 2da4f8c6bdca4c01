import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Policy, PolicyCreateInput } from "@/lib/schemas/policies";
import { getAgentInTeam } from "../agents/get";
import { audit } from "../audit/record";
import { getFleetInTeam } from "../fleets/get";
import { getPolicyInTeam, toPolicy } from "./rows";

/** Creates the (empty) policy of the team, a fleet or an agent; its first revision comes with PUT. One per level: 409 naming the existing one. */
export async function createPolicy(ctx: TeamContext, input: PolicyCreateInput): Promise<Policy> {
  assertCan(ctx, "policy:write");
  const sql = await db();
  return sql.begin(async (tx) => {
    let targetId = ctx.team.id;
    if (input.scope === "fleet") targetId = (await getFleetInTeam(tx, ctx.team.id, input.targetId ?? "")).id;
    if (input.scope === "agent") targetId = (await getAgentInTeam(tx, ctx.team.id, input.targetId ?? "")).id;
    const [created] = await tx<{ id: string }[]>`
      insert into policies (team_id, scope_type, target_id, created_by) values (${ctx.team.id}, ${input.scope}, ${targetId}, ${ctx.user.id})
      on conflict do nothing returning id`;
    if (!created) {
      const [existing] = await tx<{ id: string }[]>`select id from policies where team_id = ${ctx.team.id} and target_id = ${targetId}`;
      throw new AppError("conflict", "This level has a policy already", { policyId: existing?.id ?? null });
    }
    await audit(tx, ctx, { action: "policy.create", targetType: "policy", targetId: created.id, after: { scope: input.scope, targetId } });
    return toPolicy(await getPolicyInTeam(tx, ctx.team.id, created.id));
  });
}
