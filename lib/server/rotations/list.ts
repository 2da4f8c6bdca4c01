import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { RotationListQuery } from "@/lib/schemas/rotations";
import { decodeTimeCursor, page } from "../pagination";
import { rotationSummary, toRotation, type RotationRow } from "./get";

/** The team's model rotations, newest first, with their counts. */
export async function listRotations(ctx: TeamContext, query: RotationListQuery) {
  assertCan(ctx, "policy:read");
  const sql = await db();
  const cursor = decodeTimeCursor(query.cursor);
  const rows = await sql<RotationRow[]>`
    ${rotationSummary(sql)}
    where r.team_id = ${ctx.team.id}
      ${cursor ? sql`and (r.created_at, r.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : sql``}
    order by r.created_at desc, r.id desc
    limit ${query.limit + 1}`;
  const { items, nextCursor } = page(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { rotations: items.map(toRotation), nextCursor };
}
