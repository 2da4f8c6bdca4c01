import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { mergePolicies } from "@/lib/policies/merge";
import type { AgentPolicyResponse } from "@/lib/schemas/policies";
import { GuardReport, PolicyStatusReport } from "@/lib/schemas/policy-document";
import { getAgentInTeam } from "../agents/get";
import { LEVELS_OF_AGENT, effectiveRevision, toLevels } from "./rows";
import { convergenceOf } from "./state";

type Row = { policy_version: number; policy_epoch: string; policy_status: unknown; guard: unknown; levels: Parameters<typeof toLevels>[0] };

/** An agent's effective policy with where each value comes from, the revision it runs, how its last attempt went, and its guard's report. */
export async function getAgentPolicy(ctx: TeamContext, agentId: string): Promise<AgentPolicyResponse> {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const agent = await getAgentInTeam(sql, ctx.team.id, agentId);
  const [row] = await sql<Row[]>`
    select a.policy_version, a.policy_epoch, a.policy_status, a.guard, ${sql.unsafe(LEVELS_OF_AGENT)} as levels from agents a where a.id = ${agent.id}`;
  const levels = toLevels(row?.levels ?? []);
  const merged = mergePolicies(levels);
  const revision = effectiveRevision(merged.revision, row?.policy_epoch ?? 0);
  const policyStatus = PolicyStatusReport.safeParse(row?.policy_status);
  const guard = GuardReport.safeParse(row?.guard);
  const status = policyStatus.success ? policyStatus.data : null;
  const applied = row?.policy_version ?? 0;
  return {
    agentId: agent.id,
    effective: { revision, document: merged.document, provenance: merged.provenance },
    levels: levels.map(({ document: _document, ...source }) => source),
    appliedRevision: applied,
    state: convergenceOf(applied, revision, status).state,
    policyStatus: status,
    guard: guard.success ? guard.data : null,
  };
}
