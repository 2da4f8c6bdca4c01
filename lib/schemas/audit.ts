import { z } from "zod";
import { CursorQuery, Id, Timestamp } from "./common";

export const AuditQuery = CursorQuery.extend({
  actor: z.string().trim().max(254).optional().describe("Actor id or e-mail"),
  action: z.string().trim().max(100).optional().describe("Exact action, or a prefix ending in '.' such as 'fleet.'"),
  target: z.string().trim().max(100).optional().describe("Target id"),
  q: z.string().trim().max(200).optional().describe("Text anywhere in the entry"),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});

export const AuditEntry = z
  .object({
    id: z.string(),
    actor: z.object({ type: z.enum(["user", "token", "agent", "system"]), id: Id.nullable(), label: z.string() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    ip: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "AuditEntry" });
export const AuditListResponse = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });

export type AuditQuery = z.infer<typeof AuditQuery>;
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Where the team's audit chain first stops fitting: a row changed, or rows removed before it. */
export const AuditChainBreak = z.object({
  id: z.string().nullable().describe("The first row that no longer fits (null when rows at the end were removed after `expectHead`)"),
  chainSeq: z.number().int().describe("Its place in the team's chain"),
  reason: z
    .enum(["changed", "removed_before", "head_missing"])
    .describe("changed: its content or hash was edited; removed_before: rows before it are missing; head_missing: the chain ends before the head you expected"),
  action: z.string().nullable(),
  createdAt: z.string().nullable(),
});

export const AuditVerifyQuery = z.object({
  expectHead: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe("A chain position you recorded earlier (from `head.chainSeq`): rows removed from the end since are named too"),
});

export const AuditVerifyResponse = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().describe("Rows walked"),
    head: z.object({ chainSeq: z.number().int(), hash: z.string(), createdAt: z.string() }).nullable().describe("The newest row: record its position and hash elsewhere to detect removals at the end later"),
    firstBreak: AuditChainBreak.nullable(),
  })
  .meta({ id: "AuditVerifyResponse" });
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
