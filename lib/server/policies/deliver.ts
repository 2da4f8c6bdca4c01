import type { Sql } from "@/lib/db/client";
import { mergePolicies } from "@/lib/policies/merge";
import type { DeliveredPolicy } from "@/lib/schemas/policy-document";
import { LEVELS_OF_AGENT, effectiveRevision, toLevels } from "./rows";

/**
 * The merged policies to deliver to agents whose reported revision differs from their effective
 * one (the heartbeat found which; only those come here, so an agent that is up to date costs no merge).
 */
export async function policiesToDeliver(sql: Sql, agentIds: string[]): Promise<Map<string, DeliveredPolicy>> {
  const out = new Map<string, DeliveredPolicy>();
  if (agentIds.length === 0) return out;
  const rows = await sql<{ id: string; policy_epoch: string; levels: Parameters<typeof toLevels>[0] }[]>`
    select a.id, a.policy_epoch, ${sql.unsafe(LEVELS_OF_AGENT)} as levels from agents a where a.id = any(${agentIds}::uuid[])`;
  for (const row of rows) {
    const merged = mergePolicies(toLevels(row.levels));
    out.set(row.id, { version: effectiveRevision(merged.revision, row.policy_epoch), ...merged.document });
  }
  return out;
}
