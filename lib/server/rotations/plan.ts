import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { plural } from "@/lib/format";
import { rotatedDocument, rotationProblems, setsModel, type RotationAgentLevels, type RotationIssue, type RotationTarget } from "@/lib/policies/rotation";
import type { PolicyDocument } from "@/lib/schemas/policy-document";
import type { RotationPolicyWrite, RotationPreviewInput, RotationScope } from "@/lib/schemas/rotations";
import { resolveSelection } from "../batches/selection";
import { getFleetInTeam } from "../fleets/get";
import { LEVELS_OF_AGENT, POLICY_SELECT, toLevels, toPolicy, type PolicyRow } from "../policies/rows";

export type Plan = {
  agents: RotationAgentLevels[];
  scopeLabel: string;
  /** How the batch of clear_session_models commands describes its selection. */
  selection: { kind: "ids" } | { kind: "filter"; filter: Record<string, string> };
  targets: RotationTarget[];
  proposed: Map<string, PolicyDocument>;
  problems: RotationIssue[];
};

type Scoped = { ids: string[]; label: string; selection: Plan["selection"]; fleet?: { id: string; name: string } };

/**
 * The agents a scope covers, inside the caller's team (another team's fleet or agent: 404). To
 * publish, they are locked in id order, the order heartbeats lock them in: the commands and rows
 * the rotation then writes for them (foreign keys lock their agent) can never deadlock a heartbeat.
 */
async function resolveScope(tx: Tx, ctx: TeamContext, scope: RotationScope, lock: boolean): Promise<Scoped> {
  const ids = async (filter: ReturnType<Tx>) =>
    (await tx<{ id: string }[]>`select a.id from agents a where a.team_id = ${ctx.team.id} ${filter} order by a.id ${lock ? tx`for update` : tx``}`).map((r) => r.id);
  switch (scope.type) {
    case "team":
      return { ids: await ids(tx``), label: `the whole team (${ctx.team.name})`, selection: { kind: "filter", filter: {} } };
    case "fleet": {
      const fleet = await getFleetInTeam(tx, ctx.team.id, scope.fleetId);
      return { ids: await ids(tx`and a.fleet_id = ${fleet.id}`), label: `fleet ${fleet.name}`, selection: { kind: "filter", filter: { fleetId: fleet.id } }, fleet: { id: fleet.id, name: fleet.name } };
    }
    case "tag":
      return { ids: await ids(tx`and a.tags @> array[${scope.tag}]::text[]`), label: `agents tagged ${scope.tag}`, selection: { kind: "filter", filter: { tag: scope.tag } } };
    case "selection": {
      const resolved = await resolveSelection(tx, ctx, scope.selection);
      return { ids: resolved.ids, label: "ids" in scope.selection ? "selected agents" : "agents matching the filter", selection: resolved.description };
    }
  }
}

const toTarget = (p: PolicyRow): RotationTarget => {
  const policy = toPolicy(p);
  return { policyId: policy.id, level: policy.scope, targetId: policy.targetId, targetName: policy.targetName, revision: policy.currentRevision, document: policy.document };
};

/**
 * What a rotation would write, resolved in the caller's transaction (under the team's policy lock
 * when it is to be written): the agents in scope with their levels, the policies that decide their
 * model (created where missing) with the proposed documents, and the contradictions that refuse it.
 */
export async function planRotation(tx: Tx, ctx: TeamContext, input: RotationPreviewInput, lock: boolean): Promise<Plan> {
  const scoped = await resolveScope(tx, ctx, input.scope, lock);
  const rows = await tx<{ id: string; name: string; fleet_id: string; levels: Parameters<typeof toLevels>[0] }[]>`
    select a.id, a.name, a.fleet_id, ${tx.unsafe(LEVELS_OF_AGENT)} as levels from agents a
    where a.team_id = ${ctx.team.id} and a.id = any(${scoped.ids}::uuid[]) order by a.name, a.id`;
  const agents = rows.map((r) => ({ id: r.id, name: r.name, fleetId: r.fleet_id, levels: toLevels(r.levels) }));
  const policies = (
    await tx<PolicyRow[]>`
      select ${tx.unsafe(POLICY_SELECT)} from policies p where p.team_id = ${ctx.team.id}
      ${input.scope.type === "team" ? tx`` : tx`and p.target_id = any(${[...(scoped.fleet ? [scoped.fleet.id] : []), ...scoped.ids]}::uuid[])`}`
  ).map(toTarget);
  const byTarget = new Map(policies.map((p) => [p.targetId, p]));
  const missing = (level: RotationTarget["level"], targetId: string, targetName: string | null): RotationTarget =>
    byTarget.get(targetId) ?? { policyId: null, level, targetId, targetName, revision: 0, document: {} };
  let targets: RotationTarget[];
  if (input.scope.type === "team") {
    targets = [missing("team", ctx.team.id, ctx.team.name), ...policies.filter((p) => p.level !== "team" && setsModel(p.document))];
  } else if (scoped.fleet) {
    const fleet = missing("fleet", scoped.fleet.id, scoped.fleet.name);
    targets = [fleet, ...policies.filter((p) => p.level === "agent" && setsModel(p.document))];
  } else {
    targets = agents.map((a) => missing("agent", a.id, a.name));
  }
  const proposed = new Map(targets.map((t) => [t.targetId, rotatedDocument(t.document, input.backup, input.fallbacks)]));
  return { agents, scopeLabel: scoped.label, selection: scoped.selection, targets, proposed, problems: rotationProblems(targets, agents, proposed) };
}

/** Refuses a plan that covers no agent (422), another count than the confirmation showed (409), or contradictions (422). */
export function assertPublishable(plan: Plan, expectedAgents: number): void {
  if (plan.agents.length === 0) throw new AppError("invalid_request", "No agents in this scope", [{ path: "scope", message: "Covers no agent" }]);
  if (plan.agents.length !== expectedAgents) {
    throw new AppError("conflict", `The scope now covers ${plural(plan.agents.length, "agent")}, not ${expectedAgents.toLocaleString("en")}; check it and confirm again`, { agents: plan.agents.length });
  }
  if (plan.problems.length > 0) throw new AppError("invalid_request", "The backup model would contradict policies in scope", plan.problems);
}

export const targetWrite = (t: RotationTarget): RotationPolicyWrite => ({
  policyId: t.policyId, level: t.level, targetId: t.targetId, targetName: t.targetName, created: t.policyId === null, beforeRevision: t.revision, afterRevision: null,
});
