import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { PolicyWriteInput } from "@/lib/schemas/policies";
import { audit } from "../audit/record";
import { getPolicyInTeam, toPolicy, toRevision, type RevisionRow } from "./rows";
import { agentsInScope, assertConsistent, lockTeamPolicies } from "./scope";

/**
 * Writes a new revision of a policy (maintainers and owners): refused with 409 when `baseRevision`
 * is no longer the current one, with 422 when it contradicts itself or an agent's merged policy.
 * The revision, the policy's pointer to it and the audit row commit together.
 */
export async function revisePolicy(ctx: TeamContext, policyId: string, input: PolicyWriteInput) {
  assertCan(ctx, "policy:write");
  const sql = await db();
  return sql.begin(async (tx) => {
    await lockTeamPolicies(tx, ctx.team.id);
    const policy = await getPolicyInTeam(tx, ctx.team.id, policyId, true);
    const current = Number(policy.current_revision);
    if (current !== input.baseRevision) {
      throw new AppError("conflict", "The policy changed since you loaded it; reload and apply your change again", { currentRevision: current });
    }
    assertConsistent(policy, input.document, await agentsInScope(tx, ctx.team.id, policy));
    const author = ctx.token ? `${ctx.user.email} (token)` : ctx.user.email;
    const [row] = await tx<RevisionRow[]>`
      insert into policy_revisions (policy_id, team_id, document, note, created_by, author_label)
      values (${policy.id}, ${ctx.team.id}, ${tx.json(input.document)}, ${input.note}, ${ctx.user.id}, ${author})
      returning id, policy_id, document, note, author_label, created_at`;
    if (!row) throw new AppError("internal", "The revision was not written");
    await tx`update policies set current_revision = ${row.id}, updated_at = now() where id = ${policy.id}`;
    const revision = toRevision(row);
    await audit(tx, ctx, {
      action: "policy.revise",
      targetType: "policy",
      targetId: policy.id,
      before: { revision: current, document: toPolicy(policy).document },
      after: { revision: revision.id, document: revision.document, note: revision.note },
    });
    return { policy: toPolicy(await getPolicyInTeam(tx, ctx.team.id, policy.id)), revision };
  });
}
