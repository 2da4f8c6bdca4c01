import { AppError } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { BatchListQuery } from "@/lib/schemas/batches";
import { decodeCursor, page } from "../pagination";
import { batchSummary, toBatch, type BatchRow } from "./get";

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The team's bulk actions, newest first, with their progress. */
export async function listBatches(ctx: TeamContext, query: BatchListQuery) {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const cursor = decodeCursor(query.cursor, 2);
  if (cursor && (!TIME.test(cursor[0] ?? "") || !isUuid(cursor[1] ?? ""))) {
    throw new AppError("invalid_request", "The cursor does not belong to this list", [{ path: "cursor", message: "Malformed" }]);
  }
  const rows = await sql<BatchRow[]>`
    ${batchSummary(sql)}
    where b.team_id = ${ctx.team.id}
      ${cursor ? sql`and (b.created_at, b.id) < (${cursor[0] ?? ""}::timestamptz, ${cursor[1] ?? ""}::uuid)` : sql``}
    order by b.created_at desc, b.id desc
    limit ${query.limit + 1}`;
  const { items, nextCursor } = page(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { batches: items.map(toBatch), nextCursor };
}
