import { AppError } from "@/lib/api/errors";
import type { Sql, Tx } from "@/lib/db/client";
import { policyContradictions, type PolicyIssue } from "@/lib/policies/checks";
import { POLICY_LEVELS, diffPolicies, mergePolicies, type FieldChange, type LevelDocument, type PolicyLevel } from "@/lib/policies/merge";
import type { PolicyDocument } from "@/lib/schemas/policy-document";
import { LEVELS_OF_AGENT, toLevels } from "./rows";

export type ScopedAgent = { id: string; name: string; fleetId: string; levels: LevelDocument[] };
type Level = { id: string; scope_type: PolicyLevel; target_id: string };

/**
 * Serialises policy changes within a team (new revisions, agents moving between fleets), so two
 * levels written at once cannot together contradict an agent's merged policy.
 */
export async function lockTeamPolicies(tx: Tx, teamId: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(${POLICY_LOCK_CLASS}, hashtext(${teamId}))`;
}
const POLICY_LOCK_CLASS = 7301;

/** Refuses (422) a move that would make the agent's merged policy contradict itself, naming the path and the fleet's policy. */
export async function assertAgentConsistent(tx: Tx, teamId: string, agentId: string): Promise<void> {
  await lockTeamPolicies(tx, teamId);
  const [agent] = await tx<{ name: string; levels: Parameters<typeof toLevels>[0] }[]>`
    select a.name, ${tx.unsafe(LEVELS_OF_AGENT)} as levels from agents a where a.id = ${agentId} and a.team_id = ${teamId}`;
  const issues = agent ? policyContradictions(mergePolicies(toLevels(agent.levels)).document) : [];
  if (issues.length > 0) {
    throw new AppError("invalid_request", `In that fleet the merged policy of ${agent?.name ?? "the agent"} would contradict itself; change one of the policies first`, issues);
  }
}

/** The agents a policy applies to (the team's, the fleet's, or the one agent), each with its levels' current documents. */
export async function agentsInScope(sql: Sql | Tx, teamId: string, policy: Level): Promise<ScopedAgent[]> {
  const filter =
    policy.scope_type === "team" ? sql`` : policy.scope_type === "fleet" ? sql`and a.fleet_id = ${policy.target_id}` : sql`and a.id = ${policy.target_id}`;
  const rows = await sql<{ id: string; name: string; fleet_id: string; levels: Parameters<typeof toLevels>[0] }[]>`
    select a.id, a.name, a.fleet_id, ${sql.unsafe(LEVELS_OF_AGENT)} as levels
    from agents a where a.team_id = ${teamId} ${filter} order by a.name, a.id`;
  return rows.map((r) => ({ id: r.id, name: r.name, fleetId: r.fleet_id, levels: toLevels(r.levels) }));
}

/** An agent's levels with this policy's document replaced by a proposed one. */
export function withProposed(levels: LevelDocument[], policy: Level, document: PolicyDocument): LevelDocument[] {
  const proposed: LevelDocument = { level: policy.scope_type, policyId: policy.id, revision: Number.MAX_SAFE_INTEGER, document };
  const rank = (l: PolicyLevel) => POLICY_LEVELS.indexOf(l);
  return [...levels.filter((l) => l.policyId !== policy.id), proposed].sort((a, b) => rank(a.level) - rank(b.level));
}

type AgentIssue = PolicyIssue & { agentId?: string; agentName?: string };
const MAX_ISSUES = 50;

/**
 * Refuses (422, with the path of each problem) a document that contradicts itself, or that would
 * make the merged policy of an agent in scope contradict itself (naming the agent).
 */
export function assertConsistent(policy: Level, document: PolicyDocument, agents: ScopedAgent[]): void {
  const own = policyContradictions(document);
  if (own.length > 0) throw new AppError("invalid_request", "The policy contradicts itself", own);
  const issues: AgentIssue[] = [];
  for (const agent of agents) {
    const merged = mergePolicies(withProposed(agent.levels, policy, document)).document;
    for (const issue of policyContradictions(merged)) {
      issues.push({ ...issue, message: `On agent ${agent.name}: ${issue.message}`, agentId: agent.id, agentName: agent.name });
    }
    if (issues.length >= MAX_ISSUES) break;
  }
  if (issues.length > 0) throw new AppError("invalid_request", "The policy would contradict the merged policy of agents in scope", issues.slice(0, MAX_ISSUES));
}

/** Per agent in scope, how its effective document would change with the proposed one. */
export function effectChanges(policy: Level, document: PolicyDocument, agents: ScopedAgent[]) {
  const changed: { id: string; name: string; fleetId: string; changes: FieldChange[] }[] = [];
  for (const agent of agents) {
    const before = mergePolicies(agent.levels).document;
    const after = mergePolicies(withProposed(agent.levels, policy, document)).document;
    const changes = diffPolicies(before, after);
    if (changes.length > 0) changed.push({ id: agent.id, name: agent.name, fleetId: agent.fleetId, changes });
  }
  return { agents: changed, unchanged: agents.length - changed.length };
}
