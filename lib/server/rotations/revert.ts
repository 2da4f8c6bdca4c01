import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { readPolicyDocument } from "@/lib/policies/merge";
import { audit } from "../audit/record";
import { lockTeamPolicies } from "../policies/scope";
import { writeRevisions } from "./create";
import { getRotationSummary, rotationPolicies } from "./get";

/**
 * Reverts a rotation (maintainers and owners): every policy it revised whose current revision is
 * still the rotation's gets a new revision with the document it had before; a policy changed since
 * is left as it is and listed. One transaction, audited; a second revert answers 409.
 */
export async function revertRotation(ctx: TeamContext, rotationId: string) {
  assertCan(ctx, "model:rotate");
  const sql = await db();
  return sql.begin(async (tx) => {
    await lockTeamPolicies(tx, ctx.team.id);
    const rotation = await getRotationSummary(tx, ctx.team.id, rotationId);
    const [locked] = await tx<{ reverted_at: Date | null }[]>`select reverted_at from model_rotations where id = ${rotation.id} for update`;
    if (locked?.reverted_at) throw new AppError("conflict", "This rotation was reverted already", { revertedAt: locked.reverted_at.toISOString() });
    const policies = await rotationPolicies(tx, rotation.id);
    const still = policies.filter((p) => p.currentRevision === p.afterRevision);
    const skipped = policies.filter((p) => p.currentRevision !== p.afterRevision).map(({ beforeDocument: _d, ...p }) => p);
    const revisions = await writeRevisions(tx, ctx, still.map((p) => ({
      policyId: p.policyId ?? "",
      before: { revision: p.currentRevision },
      document: readPolicyDocument(p.beforeDocument),
    })), `Model kill switch: revert the rotation to ${rotation.backup}`);
    await tx`
      update model_rotation_policies rp set revert_revision = v.r
      from unnest(${[...revisions.keys()]}::uuid[], ${[...revisions.values()]}::bigint[]) as v(p, r)
      where rp.rotation_id = ${rotation.id} and rp.policy_id = v.p`;
    await tx`update model_rotations set reverted_at = now(), reverted_by = ${ctx.user.id} where id = ${rotation.id}`;
    const restored = still.map(({ beforeDocument: _d, currentRevision: _c, ...p }) => ({ ...p, revertRevision: revisions.get(p.policyId ?? "") ?? null }));
    await audit(tx, ctx, {
      action: "rotation.revert",
      targetType: "model_rotation",
      targetId: rotation.id,
      before: { backup: rotation.backup },
      after: { restored: restored.map((p) => ({ policyId: p.policyId, revision: p.revertRevision })), skipped: skipped.map((p) => ({ policyId: p.policyId, currentRevision: p.currentRevision })) },
    });
    return { rotation: await getRotationSummary(tx, ctx.team.id, rotation.id), restored, skipped };
  });
}
