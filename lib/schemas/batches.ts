import { z } from "zod";
import { AgentStatus, Region } from "./agents";
import { ModelRef } from "./commands";
import { CursorQuery, Id, note } from "./common";

export const BULK_ACTIONS = ["restart", "set_model", "apply_config", "pause", "resume", "snooze", "move"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** Batches of bulk actions, and of a model rotation's clear_session_models commands. */
export const BATCH_ACTIONS = [...BULK_ACTIONS, "clear_session_models"] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];
/** Actions carried out by the agent (queued as commands, acknowledged with a heartbeat). */
export const COMMAND_ACTIONS = ["restart", "set_model", "apply_config"] as const satisfies readonly BulkAction[];
/** At most this many agents in one batch; a filter matching more is refused with 422. */
export const BULK_MAX_AGENTS = 10_000;
/** Ids listed one by one (a page's checkboxes); more than a page goes through a filter. */
export const BULK_MAX_IDS = 1_000;
export const ITEM_STATUSES = ["pending", "done", "failed", "expired"] as const;

/** The agents list's filter (the same fields as GET /api/agents, without paging or order). */
export const AgentFilter = z.strictObject({
  fleetId: Id.optional(),
  status: AgentStatus.optional(),
  region: Region.optional(),
  q: z.string().trim().max(100).optional().describe("Name, hostname or tag"),
});
export type AgentFilter = z.infer<typeof AgentFilter>;

export const BulkSelection = z.union([
  z.strictObject({ ids: z.array(Id).min(1).max(BULK_MAX_IDS).describe(`At most ${BULK_MAX_IDS} agent ids of the active team`) }),
  z.strictObject({
    filter: AgentFilter,
    expectedCount: z.number().int().min(0).max(BULK_MAX_AGENTS).optional().describe("The count the caller saw; a different count now answers 409"),
  }),
]);
export type BulkSelection = z.infer<typeof BulkSelection>;

const none = z.strictObject({}).default({});
const selection = BulkSelection;
export const BulkActionInput = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("restart"), args: none, selection }),
  z.strictObject({ action: z.literal("set_model"), args: z.strictObject({ model: ModelRef }), selection }),
  z.strictObject({ action: z.literal("apply_config"), args: z.strictObject({ config: z.record(z.string().max(100), z.unknown()) }), selection }),
  z.strictObject({ action: z.literal("pause"), args: none, selection }),
  z.strictObject({ action: z.literal("resume"), args: none, selection }),
  z.strictObject({ action: z.literal("snooze"), args: z.strictObject({ minutes: z.number().int().min(1).max(43200), reason: note(200).default("") }), selection }),
  z.strictObject({ action: z.literal("move"), args: z.strictObject({ fleetId: Id }), selection }),
]);
export type BulkActionInput = z.infer<typeof BulkActionInput>;

export const BatchCounts = z.object({ done: z.number().int(), pending: z.number().int(), failed: z.number().int(), expired: z.number().int() });
export const Batch = z
  .object({
    id: Id,
    action: z.enum(BATCH_ACTIONS),
    args: z.record(z.string(), z.unknown()),
    selection: z.object({ kind: z.enum(["ids", "filter"]), filter: z.record(z.string(), z.string()).optional() }).describe("How the agents were chosen"),
    total: z.number().int(),
    counts: BatchCounts,
    finished: z.boolean().describe("Nothing pending any more"),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string().describe("Commands not acknowledged by then count as expired"),
  })
  .meta({ id: "Batch" });
export type Batch = z.infer<typeof Batch>;
export const BatchItem = z
  .object({
    agentId: Id,
    agentName: z.string(),
    status: z.enum(ITEM_STATUSES),
    message: z.string(),
    commandId: Id.nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: "BatchItem" });
export type BatchItem = z.infer<typeof BatchItem>;

export const BatchResponse = z.object({ batch: Batch });
export const BatchDetailResponse = z.object({ batch: Batch, items: z.array(BatchItem), nextCursor: z.string().nullable() });
export const BatchListResponse = z.object({ batches: z.array(Batch), nextCursor: z.string().nullable() });
export const BatchItemQuery = CursorQuery.extend({ status: z.enum(ITEM_STATUSES).optional() });
export type BatchItemQuery = z.infer<typeof BatchItemQuery>;
export const BatchListQuery = CursorQuery;
export type BatchListQuery = z.infer<typeof BatchListQuery>;
