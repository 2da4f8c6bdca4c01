import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { diffPolicies, readPolicyDocument } from "@/lib/policies/merge";
import type { PolicyDryRunResponse } from "@/lib/schemas/policies";
import type { PolicyDocument } from "@/lib/schemas/policy-document";
import { getPolicyInTeam } from "./rows";
import { agentsInScope, assertConsistent, effectChanges } from "./scope";

/** What saving this document would do, writing nothing: the agents whose effective policy changes, field by field (422 as PUT would). */
export async function dryRunPolicy(ctx: TeamContext, policyId: string, document: PolicyDocument): Promise<PolicyDryRunResponse> {
  assertCan(ctx, "policy:read");
  const sql = await db();
  const policy = await getPolicyInTeam(sql, ctx.team.id, policyId);
  const agents = await agentsInScope(sql, ctx.team.id, policy);
  assertConsistent(policy, document, agents);
  return { ...effectChanges(policy, document, agents), changes: diffPolicies(readPolicyDocument(policy.document), document) };
}
