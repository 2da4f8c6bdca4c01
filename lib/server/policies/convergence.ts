import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { PolicyConvergenceResponse } from "@/lib/schemas/policies";
import type { PolicyStatusReport } from "@/lib/schemas/policy-document";
import { EFFECTIVE_REVISION, getPolicyInTeam } from "./rows";
import { convergenceOf } from "./state";

const MAX_AGENTS = 1000;
const ORDER = { failed: 0, pending: 1, current: 2 } as const;

type Row = { id: string; name: string; fleet_id: string; status: string; policy_version: number; policy_status: PolicyStatusReport | null; effective: string | number };

/** The agents a policy applies to and whether each runs its effective revision, is pending, or failed (with the gateway's reason). */
export async function policyConvergence(ctx: TeamContext, policyId: string): Promise<PolicyConvergenceResponse> {
  assertCan(ctx, "policy:read");
  const sql = await db();
  const policy = await getPolicyInTeam(sql, ctx.team.id, policyId);
  const filter =
    policy.scope_type === "team" ? sql`` : policy.scope_type === "fleet" ? sql`and a.fleet_id = ${policy.target_id}` : sql`and a.id = ${policy.target_id}`;
  const rows = await sql<Row[]>`
    select a.id, a.name, a.fleet_id, a.status, a.policy_version, a.policy_status, ${sql.unsafe(EFFECTIVE_REVISION)} as effective
    from agents a where a.team_id = ${ctx.team.id} ${filter}`;
  const agents = rows.map((r) => {
    const effectiveRevision = Number(r.effective);
    return { id: r.id, name: r.name, fleetId: r.fleet_id, status: r.status, appliedRevision: r.policy_version, effectiveRevision, ...convergenceOf(r.policy_version, effectiveRevision, r.policy_status) };
  });
  const counts = { current: 0, pending: 0, failed: 0, total: agents.length };
  for (const a of agents) counts[a.state] += 1;
  agents.sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.name.localeCompare(b.name));
  return { policyId: policy.id, revision: Number(policy.current_revision), counts, agents: agents.slice(0, MAX_AGENTS) };
}
