import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db/client";
import type { RotationTarget } from "@/lib/policies/rotation";
import type { PolicyDocument } from "@/lib/schemas/policy-document";
import type { Rotation, RotationCreateInput } from "@/lib/schemas/rotations";
import { auditEach, audit } from "../audit/record";
import { queueCommands } from "../batches/apply";
import { batchCreated, insertBatch } from "../batches/create";
import { lockTeamPolicies } from "../policies/scope";
import { assertPublishable, planRotation } from "./plan";
import { getRotationSummary } from "./get";

/** New revisions of many policies in one statement each (the caller holds the team's policy lock): the revision, the pointer, an audit row per policy. */
export async function writeRevisions(tx: Tx, ctx: TeamContext, rows: { policyId: string; before: { revision: number; document?: PolicyDocument }; document: PolicyDocument }[], note: string): Promise<Map<string, number>> {
  const author = ctx.token ? `${ctx.user.email} (token)` : ctx.user.email;
  const inserted = await tx<{ id: string; policy_id: string }[]>`
    insert into policy_revisions (policy_id, team_id, document, note, created_by, author_label)
    select p, ${ctx.team.id}, d::jsonb, ${note}, ${ctx.user.id}, ${author}
    from unnest(${rows.map((r) => r.policyId)}::uuid[], ${rows.map((r) => JSON.stringify(r.document))}::text[]) as v(p, d)
    returning id, policy_id`;
  const revisions = new Map(inserted.map((r) => [r.policy_id, Number(r.id)]));
  await tx`
    update policies p set current_revision = v.r, updated_at = now()
    from unnest(${[...revisions.keys()]}::uuid[], ${[...revisions.values()]}::bigint[]) as v(id, r) where p.id = v.id`;
  await auditEach(tx, ctx, "policy.revise", "policy", rows.map((r) => ({
    targetId: r.policyId,
    before: r.before,
    after: { revision: revisions.get(r.policyId), document: r.document, note },
  })));
  return revisions;
}

/** Creates the policies a rotation needs that do not exist yet; answers every target's policy id. */
async function ensurePolicies(tx: Tx, ctx: TeamContext, targets: RotationTarget[]): Promise<Map<string, string>> {
  const ids = new Map(targets.flatMap((t) => (t.policyId ? [[t.targetId, t.policyId] as const] : [])));
  const missing = targets.filter((t) => !t.policyId);
  if (missing.length === 0) return ids;
  const created = await tx<{ id: string; target_id: string; scope_type: string }[]>`
    insert into policies (team_id, scope_type, target_id, created_by)
    select ${ctx.team.id}, s, t, ${ctx.user.id} from unnest(${missing.map((t) => t.level)}::text[], ${missing.map((t) => t.targetId)}::uuid[]) as v(s, t)
    returning id, target_id, scope_type`;
  for (const c of created) ids.set(c.target_id, c.id);
  await auditEach(tx, ctx, "policy.create", "policy", created.map((c) => ({ targetId: c.id, after: { scope: c.scope_type, targetId: c.target_id } })));
  return ids;
}

export const rotationNote = (backup: string, note: string) => `Model kill switch: rotate to ${backup}${note ? ` (${note})` : ""}`.slice(0, 1000);

/**
 * The kill switch (maintainers and owners): in one transaction under the team's policy lock, a
 * revision of every policy deciding the model of the agents in scope with the backup as primary,
 * and a clear_session_models command per agent as one batch, so running conversations switch too.
 * 409 when the scope no longer covers the count the confirmation showed; 422 with the policy and
 * path of a contradiction, writing nothing.
 */
export async function createRotation(ctx: TeamContext, input: RotationCreateInput): Promise<Rotation> {
  assertCan(ctx, "model:rotate");
  const sql = await db();
  const id = await sql.begin(async (tx) => {
    await lockTeamPolicies(tx, ctx.team.id);
    const plan = await planRotation(tx, ctx, input, true);
    assertPublishable(plan, input.expectedAgents);
    const policyIds = await ensurePolicies(tx, ctx, plan.targets);
    const note = rotationNote(input.backup, input.note);
    const writes = plan.targets.map((t) => ({
      policyId: policyIds.get(t.targetId) ?? "",
      before: { revision: t.revision, document: t.document },
      document: plan.proposed.get(t.targetId) ?? t.document,
    }));
    const revisions = await writeRevisions(tx, ctx, writes, note);
    const ids = plan.agents.map((a) => a.id).sort();
    const args = { keep: input.backup };
    const batchId = await insertBatch(tx, ctx, { action: "clear_session_models", args, selection: plan.selection, ids });
    await queueCommands({ tx, ctx, batchId, ids }, "clear_session_models", args);
    await batchCreated(tx, ctx, { batchId, action: "clear_session_models", args, selection: plan.selection, ids });
    const [row] = await tx<{ id: string }[]>`
      insert into model_rotations (team_id, scope, scope_label, backup_model, fallbacks, note, agent_count, batch_id, first_revision, created_by)
      values (${ctx.team.id}, ${JSON.stringify(input.scope)}::text::jsonb, ${plan.scopeLabel}, ${input.backup}, ${input.fallbacks}::text[], ${input.note},
        ${ids.length}, ${batchId}, ${Math.min(...revisions.values())}, ${ctx.user.id})
      returning id`;
    if (!row) throw new AppError("internal", "The rotation was not written");
    await tx`
      insert into model_rotation_policies (rotation_id, team_id, policy_id, created, before_revision, before_document, after_revision)
      select ${row.id}, ${ctx.team.id}, p, c::boolean, b, d::jsonb, r
      from unnest(${writes.map((w) => w.policyId)}::uuid[], ${plan.targets.map((t) => String(t.policyId === null))}::text[], ${plan.targets.map((t) => t.revision)}::bigint[],
        ${plan.targets.map((t) => JSON.stringify(t.document))}::text[], ${writes.map((w) => revisions.get(w.policyId) ?? 0)}::bigint[]) as v(p, c, b, d, r)`;
    await tx`insert into model_rotation_agents (rotation_id, team_id, agent_id) select ${row.id}, ${ctx.team.id}, a from unnest(${ids}::uuid[]) as a`;
    await audit(tx, ctx, {
      action: "rotation.create",
      targetType: "model_rotation",
      targetId: row.id,
      after: { scope: input.scope, scopeLabel: plan.scopeLabel, backup: input.backup, fallbacks: input.fallbacks, note: input.note, agents: ids.length, policies: writes.map((w) => ({ policyId: w.policyId, revision: revisions.get(w.policyId) })), batchId },
    });
    return row.id;
  });
  return getRotationSummary(sql, ctx.team.id, id);
}
