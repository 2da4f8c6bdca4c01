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
