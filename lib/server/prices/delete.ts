import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";
import { repriceAround } from "../costs/reprice";
import { namesOf } from "./create";
import { PRICE_COLUMNS, toPrice, type PriceRow } from "./price-row";

/** Removes one of the team's own prices (the catalogue's cannot be): usage from its day is priced again. */
export async function deletePrice(ctx: TeamContext, id: string): Promise<void> {
  assertCan(ctx, "price:manage");
  const sql = await db();
  const teamId = ctx.team.id;
  await sql.begin(async (tx) => {
    const [row] = isUuid(id)
      ? await tx<PriceRow[]>`select ${tx.unsafe(PRICE_COLUMNS)} from model_prices where id = ${id} and team_id = ${teamId} for update`
      : [];
    if (!row) throw notFound("Price");
    const names = await namesOf(tx, teamId, row.provider, row.model);
    await repriceAround(tx, { teamId, provider: row.provider, prefixes: names, from: row.effective_from }, () => tx`delete from model_prices where id = ${id}`);
    await audit(tx, ctx, { action: "price.delete", targetType: "price", targetId: id, before: toPrice(row) });
  });
}
