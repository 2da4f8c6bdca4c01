import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { Policy } from "@/lib/schemas/policies";
import { POLICY_SELECT, toPolicy, type PolicyRow } from "./rows";

/** The team's policies at every level with their current revision: the team's first, then fleets and agents by name. */
export async function listPolicies(ctx: TeamContext): Promise<{ policies: Policy[]; nextCursor: null }> {
  assertCan(ctx, "policy:read");
  const sql = await db();
  const rows = await sql<PolicyRow[]>`
    select * from (select ${sql.unsafe(POLICY_SELECT)} from policies p where p.team_id = ${ctx.team.id}) p
    order by case p.scope_type when 'team' then 0 when 'fleet' then 1 else 2 end, p.target_name nulls last, p.id`;
  return { policies: rows.map(toPolicy), nextCursor: null };
}
