import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { diffPolicies } from "@/lib/policies/merge";
import type { PolicyRevision } from "@/lib/schemas/policies";
import { getPolicyInTeam, toPolicy, toRevision, type RevisionRow } from "./rows";

/** One policy with its whole history, newest first, each revision with what it changed. */
export async function getPolicy(ctx: TeamContext, policyId: string) {
  assertCan(ctx, "policy:read");
  const sql = await db();
  const policy = toPolicy(await getPolicyInTeam(sql, ctx.team.id, policyId));
  const rows = await sql<RevisionRow[]>`
    select id, policy_id, document, note, author_label, created_at from policy_revisions
    where policy_id = ${policy.id} and team_id = ${ctx.team.id} order by id`;
  const revisions = rows.map(toRevision);
  const history = revisions.map(({ document, ...entry }, i) => ({ ...entry, changes: diffPolicies(revisions[i - 1]?.document ?? {}, document) }));
  return { policy, revisions: history.reverse() };
}

/** One revision of a policy (404 when it belongs to another policy or team). */
export async function getPolicyRevision(ctx: TeamContext, policyId: string, revisionId: number): Promise<PolicyRevision> {
  assertCan(ctx, "policy:read");
  const sql = await db();
  const policy = await getPolicyInTeam(sql, ctx.team.id, policyId);
  return toRevision(await revisionOf(sql, policy.id, revisionId));
}

async function revisionOf(sql: Awaited<ReturnType<typeof db>>, policyId: string, revisionId: number): Promise<RevisionRow> {
  const [row] = await sql<RevisionRow[]>`
    select id, policy_id, document, note, author_label, created_at from policy_revisions where id = ${revisionId} and policy_id = ${policyId}`;
  if (!row) throw notFoundRevision();
  return row;
}

const notFoundRevision = () => new AppError("not_found", "Revision not found");

/** The fields that differ between two revisions of a policy (0 stands for the empty document). */
export async function diffPolicyRevisions(ctx: TeamContext, policyId: string, from: number, to: number) {
  assertCan(ctx, "policy:read");
  const sql = await db();
  const policy = await getPolicyInTeam(sql, ctx.team.id, policyId);
  const documentOf = async (id: number) => (id === 0 ? {} : toRevision(await revisionOf(sql, policy.id, id)).document);
  return { from, to, changes: diffPolicies(await documentOf(from), await documentOf(to)) };
}
