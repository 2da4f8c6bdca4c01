import type { PolicyDocument } from "@/lib/schemas/policy-document";
import { policyContradictions } from "./checks";
import { POLICY_LEVELS, mergePolicies, type LevelDocument, type PolicyLevel } from "./merge";

/** A policy a rotation writes: an existing one (policyId) or one it creates (policyId null), keyed by its team, fleet or agent. */
export type RotationTarget = { policyId: string | null; level: PolicyLevel; targetId: string; targetName: string | null; revision: number; document: PolicyDocument };
export type RotationAgentLevels = { id: string; name: string; fleetId: string; levels: LevelDocument[] };
export type RotationIssue = { path: string; message: string; policyId: string | null; agentId?: string };

const MAX_ISSUES = 50;

/** Whether a level decides the model: it sets the primary or the fallbacks (else a higher level's values reach the agent). */
export const setsModel = (doc: PolicyDocument) => doc.model?.primary !== undefined || doc.model?.fallbacks !== undefined;

/** The document a rotation writes over a policy's current one: the backup as primary and its fallbacks (none unless given), everything else kept. */
export function rotatedDocument(doc: PolicyDocument, backup: string, fallbacks: readonly string[]): PolicyDocument {
  return { ...doc, model: { primary: backup, fallbacks: [...fallbacks] } };
}

const applies = (t: RotationTarget, agent: RotationAgentLevels) =>
  t.level === "team" || (t.level === "fleet" && t.targetId === agent.fleetId) || (t.level === "agent" && t.targetId === agent.id);

/** An agent's levels with the targets' proposed documents in place (a created policy joins them). */
export function levelsWith(agent: RotationAgentLevels, targets: RotationTarget[], proposed: Map<string, PolicyDocument>): LevelDocument[] {
  const rank = (l: PolicyLevel) => POLICY_LEVELS.indexOf(l);
  const mine = targets.filter((t) => applies(t, agent));
  const replaced = new Set(mine.map((t) => t.policyId));
  const kept = agent.levels.filter((l) => !replaced.has(l.policyId));
  const added = mine.map((t): LevelDocument => ({ level: t.level, policyId: t.policyId ?? `new:${t.targetId}`, revision: Number.MAX_SAFE_INTEGER, document: proposed.get(t.targetId) ?? t.document }));
  return [...kept, ...added].sort((a, b) => rank(a.level) - rank(b.level));
}

/**
 * What would refuse the rotation, each with the policy and path: a proposed document that
 * contradicts itself (an allowed-models list of the same level that does not match the backup), or
 * an agent whose merged policy would (naming the policy the contradicting value comes from).
 */
export function rotationProblems(targets: RotationTarget[], agents: RotationAgentLevels[], proposed: Map<string, PolicyDocument>): RotationIssue[] {
  const issues: RotationIssue[] = [];
  const name = (t: RotationTarget) => `the ${t.level} policy${t.targetName ? ` of ${t.targetName}` : ""}`;
  for (const t of targets) {
    for (const issue of policyContradictions(proposed.get(t.targetId) ?? t.document)) {
      issues.push({ path: issue.path, message: `In ${name(t)}: ${issue.message}`, policyId: t.policyId });
    }
  }
  const seen = new Set(issues.map((i) => `${i.policyId}|${i.path}`));
  for (const agent of agents) {
    if (issues.length >= MAX_ISSUES) break;
    const merged = mergePolicies(levelsWith(agent, targets, proposed));
    for (const issue of policyContradictions(merged.document)) {
      // The value that contradicts the backup: the allowed list, or the fallback, and where it comes from.
      const field = issue.path.startsWith("model.fallbacks") ? "model.fallbacks" : issue.path === "model.primary" ? "allowedModels" : issue.path.replace(/\[\d+\]$/, "");
      const source = merged.provenance[field];
      const policyId = source && !source.policyId.startsWith("new:") ? source.policyId : null;
      const path = issue.path === "model.primary" ? "allowedModels" : issue.path;
      if (seen.has(`${policyId}|${path}`)) continue;
      seen.add(`${policyId}|${path}`);
      issues.push({ path, message: `On agent ${agent.name}: ${issue.message}${source ? ` (${field} comes from the ${source.level} policy)` : ""}`, policyId, agentId: agent.id });
    }
  }
  return issues.slice(0, MAX_ISSUES);
}
