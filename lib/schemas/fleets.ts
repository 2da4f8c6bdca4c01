import { z } from "zod";
import { CursorQuery, Id, label, note } from "./common";

export const FleetCreateInput = z.strictObject({ name: label(100), description: note(500).optional() });
export const FleetUpdateInput = z
  .strictObject({ name: label(100).optional(), description: note(500).optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, { message: "Nothing to change" });
export const FleetListQuery = CursorQuery.extend({ q: z.string().trim().max(100).optional() });

export const Fleet = z
  .object({ id: Id, name: z.string(), description: z.string(), agentCount: z.number().int(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: "Fleet" });
export const FleetResponse = z.object({ fleet: Fleet });
export const FleetListResponse = z.object({ fleets: z.array(Fleet), nextCursor: z.string().nullable() });

export type Fleet = z.infer<typeof Fleet>;
export type FleetCreateInput = z.infer<typeof FleetCreateInput>;
export type FleetUpdateInput = z.infer<typeof FleetUpdateInput>;
export type FleetListQuery = z.infer<typeof FleetListQuery>;
