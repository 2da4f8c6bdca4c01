import { z } from "zod";
import { Id, note } from "./common";
import { GuardReport, PolicyDocument, PolicyStatusReport } from "./policy-document";

export const PolicyScope = z.enum(["team", "fleet", "agent"]);
const Revision = z.number().int().min(0).max(1e9);

export const PolicyCreateInput = z
  .strictObject({ scope: PolicyScope, targetId: Id.optional().describe("The fleet or agent (absent for the team)") })
  .refine((v) => (v.scope === "team") === (v.targetId === undefined), { message: "A team policy names no target; a fleet or agent policy names its fleet or agent", path: ["targetId"] });
export type PolicyCreateInput = z.infer<typeof PolicyCreateInput>;

export const PolicyWriteInput = z.strictObject({
  document: PolicyDocument,
  note: note(1000).default("").describe("Why this revision (any text; shown in the history)"),
  baseRevision: Revision.describe("The revision this one replaces (the policy's currentRevision, 0 for none); a stale one answers 409"),
});
export type PolicyWriteInput = z.infer<typeof PolicyWriteInput>;

export const PolicyDryRunInput = z.strictObject({ document: PolicyDocument });
export const PolicyDiffQuery = z.strictObject({
  from: z.coerce.number().int().min(0).max(1e9).describe("A revision of this policy (0: empty)"),
  to: z.coerce.number().int().min(0).max(1e9).describe("A revision of this policy (0: empty)"),
});

const Source = z.object({ level: PolicyScope, policyId: Id, revision: Revision });
export const FieldChange = z.object({ field: z.string().describe("model.primary, tools.deny, toolCallCostCapsUsd.<tool>, …"), before: z.unknown(), after: z.unknown() });

export const Policy = z
  .object({
    id: Id,
    scope: PolicyScope,
    targetId: Id,
    targetName: z.string().nullable().describe("The team's, fleet's or agent's name (null once deleted)"),
    currentRevision: Revision.describe("The current revision (0: none yet)"),
    document: PolicyDocument.describe("The current revision's document (empty when none)"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Policy" });
export type Policy = z.infer<typeof Policy>;

export const PolicyRevision = z
  .object({
    id: Revision.describe("Revision id (one sequence for every policy, so later revisions have greater ids)"),
    policyId: Id,
    document: PolicyDocument,
    note: z.string(),
    author: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "PolicyRevision" });
export type PolicyRevision = z.infer<typeof PolicyRevision>;
export const PolicyHistoryEntry = PolicyRevision.omit({ document: true }).extend({ changes: z.array(FieldChange).describe("What changed from the previous revision") });

export const PolicyResponse = z.object({ policy: Policy });
export const PolicyDetailResponse = z.object({ policy: Policy, revisions: z.array(PolicyHistoryEntry).describe("Newest first") });
export const PolicyListResponse = z.object({ policies: z.array(Policy), nextCursor: z.null() });
export const PolicyRevisionResponse = z.object({ revision: PolicyRevision });
export const PolicyWriteResponse = z.object({ policy: Policy, revision: PolicyRevision });
export const PolicyDiffResponse = z.object({ from: Revision, to: Revision, changes: z.array(FieldChange) });

export const PolicyDryRunResponse = z.object({
  agents: z.array(z.object({ id: Id, name: z.string(), fleetId: Id, changes: z.array(FieldChange) })).describe("Agents whose effective policy would change, and how"),
  unchanged: z.number().int().describe("Agents in scope whose effective policy stays the same"),
  changes: z.array(FieldChange).describe("The level's own document, before and after"),
});
export type PolicyDryRunResponse = z.infer<typeof PolicyDryRunResponse>;

export const ConvergenceState = z.enum(["current", "pending", "failed"]);
export const PolicyConvergenceResponse = z.object({
  policyId: Id,
  revision: Revision,
  counts: z.object({ current: z.number().int(), pending: z.number().int(), failed: z.number().int(), total: z.number().int() }),
  agents: z.array(
    z.object({
      id: Id,
      name: z.string(),
      fleetId: Id,
      status: z.string(),
      appliedRevision: Revision.describe("The revision the agent reports it runs"),
      effectiveRevision: Revision.describe("The revision it should run (greatest current revision of its levels)"),
      state: ConvergenceState,
      message: z.string().nullable().describe("The gateway's error, when the agent failed to apply the effective revision"),
    }),
  ).describe("Agents in scope (at most 1000), failed and pending first"),
});
export type PolicyConvergenceResponse = z.infer<typeof PolicyConvergenceResponse>;

export const AgentPolicyResponse = z.object({
  agentId: Id,
  effective: z.object({ revision: Revision, document: PolicyDocument, provenance: z.record(z.string(), Source).describe("Per field, the level and revision it comes from") }),
  levels: z.array(Source).describe("The agent's team, fleet and agent policies that have a revision"),
  appliedRevision: Revision,
  state: ConvergenceState,
  policyStatus: PolicyStatusReport.nullable(),
  guard: GuardReport.nullable(),
});
export type AgentPolicyResponse = z.infer<typeof AgentPolicyResponse>;
