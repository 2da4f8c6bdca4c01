import { z } from "zod";
import { BulkSelection } from "./batches";
import { ModelRef } from "./commands";
import { Tag } from "./agents";
import { CursorQuery, Id, note } from "./common";
import { PolicyScope } from "./policies";

/** At most this many agents in one rotation's view; the counts always cover all of them. */
export const ROTATION_VIEW_MAX_AGENTS = 1000;

export const RotationScope = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("team") }),
    z.strictObject({ type: z.literal("fleet"), fleetId: Id }),
    z.strictObject({ type: z.literal("tag"), tag: Tag }),
    z.strictObject({ type: z.literal("selection"), selection: BulkSelection.describe("Listed agents or the agents list's filter, resolved inside the team") }),
  ])
  .meta({ id: "RotationScope" });
export type RotationScope = z.infer<typeof RotationScope>;

const RotationModels = {
  scope: RotationScope,
  backup: ModelRef.describe("The model every agent in scope switches to (the policies' model.primary)"),
  fallbacks: z.array(ModelRef).max(10).default([]).describe("The fallbacks that go with it (none by default: the levels' own fallbacks are replaced)"),
};

export const RotationPreviewInput = z.strictObject(RotationModels);
export type RotationPreviewInput = z.infer<typeof RotationPreviewInput>;

export const RotationCreateInput = z.strictObject({
  ...RotationModels,
  note: note(500).default("").describe("Why (any text; shown with the rotation and in the policies' history)"),
  expectedAgents: z.number().int().min(0).max(1e6).describe("The agent count the confirmation showed; another count now answers 409 with it"),
});
export type RotationCreateInput = z.infer<typeof RotationCreateInput>;

const RotationPolicyWrite = z.object({
  policyId: Id.nullable().describe("null in a preview when the policy does not exist yet (the rotation creates it)"),
  level: PolicyScope,
  targetId: Id,
  targetName: z.string().nullable(),
  created: z.boolean().describe("The rotation creates this policy"),
  beforeRevision: z.number().int(),
  afterRevision: z.number().int().nullable(),
  revertRevision: z.number().int().nullable().optional(),
});
const Problem = z.object({ path: z.string(), message: z.string(), policyId: Id.nullable().optional(), agentId: Id.optional() });

export const RotationPreviewResponse = z.object({
  agents: z.number().int().describe("Agents in scope now (send it back as expectedAgents)"),
  scopeLabel: z.string(),
  policies: z.array(RotationPolicyWrite).describe("The policies the rotation would revise or create"),
  problems: z.array(Problem).describe("Contradictions that would refuse it (422), with the policy and path"),
});

export const ROTATION_AGENT_STATES = ["confirmed", "pending", "failed"] as const;
export const PIN_STATES = ["pending", "done", "failed", "expired", "none"] as const;

export const Rotation = z
  .object({
    id: Id,
    scope: z.record(z.string(), z.unknown()),
    scopeLabel: z.string(),
    backup: z.string(),
    fallbacks: z.array(z.string()),
    note: z.string(),
    agentCount: z.number().int(),
    batchId: Id.nullable().describe("The batch of clear_session_models commands (its progress is the pins' progress)"),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    revertedAt: z.string().nullable(),
    revertedBy: z.string().nullable(),
    counts: z.object({ confirmed: z.number().int(), pending: z.number().int(), failed: z.number().int(), total: z.number().int() }),
    pins: z.object({ done: z.number().int(), pending: z.number().int(), failed: z.number().int(), cleared: z.number().int().describe("Sessions whose pin the agents cleared") }),
  })
  .meta({ id: "ModelRotation" });
export type Rotation = z.infer<typeof Rotation>;

export const RotationAgent = z
  .object({
    id: Id,
    name: z.string(),
    fleetId: Id,
    status: z.string().describe("The agent's liveness"),
    state: z.enum(ROTATION_AGENT_STATES).describe("confirmed: its gateway reports the backup as primary"),
    gatewayModel: z.string().nullable().describe("The primary model its gateway last reported"),
    gatewayModelSince: z.string().nullable().describe("When its gateway first reported that model"),
    confirmedAt: z.string().nullable().describe("When the gateway first reported the backup"),
    message: z.string().nullable().describe("Why it failed"),
    pins: z.enum(PIN_STATES).describe("Its clear_session_models command"),
    pinsMessage: z.string().nullable(),
  })
  .meta({ id: "ModelRotationAgent" });
export type RotationAgent = z.infer<typeof RotationAgent>;

export const RotationResponse = z.object({ rotation: Rotation });
export const RotationDetailResponse = z.object({
  rotation: Rotation,
  policies: z.array(RotationPolicyWrite),
  agents: z.array(RotationAgent).describe(`Failed first, then pending, then confirmed; at most ${ROTATION_VIEW_MAX_AGENTS}`),
});
export const RotationListResponse = z.object({ rotations: z.array(Rotation), nextCursor: z.string().nullable() });
export const RotationRevertResponse = z.object({
  rotation: Rotation,
  restored: z.array(RotationPolicyWrite).describe("Policies given back the document they had before"),
  skipped: z.array(RotationPolicyWrite.extend({ currentRevision: z.number().int() })).describe("Policies changed since the rotation, left as they are"),
});
export const RotationListQuery = CursorQuery;
export type RotationListQuery = z.infer<typeof RotationListQuery>;
export const RotationDetailQuery = z.strictObject({ state: z.enum(ROTATION_AGENT_STATES).optional() });
export type RotationDetailQuery = z.infer<typeof RotationDetailQuery>;
export type RotationPolicyWrite = z.infer<typeof RotationPolicyWrite>;
export type RotationProblem = z.infer<typeof Problem>;
