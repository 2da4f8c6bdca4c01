import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { BatchListQuery } from "@/lib/schemas/batches";
import { decodeTimeCursor, page } from "../pagination";
import { batchSummary, toBatch, type BatchRow } from "./get";

/** The team's bulk actions, newest first, with their progress. */
export async function listBatches(ctx: TeamContext, query: BatchListQuery) {
  assertCan(ctx, "agent:read");
  const sql = await db();
  const cursor = decodeTimeCursor(query.cursor);
  const rows = await sql<BatchRow[]>`
    ${batchSummary(sql)}
    where b.team_id = ${ctx.team.id}
      ${cursor ? sql`and (b.created_at, b.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : sql``}
    order by b.created_at desc, b.id desc
    limit ${query.limit + 1}`;
  const { items, nextCursor } = page(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { batches: items.map(toBatch), nextCursor };
}
