import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { PRICE_COLUMNS, toPrice, type PriceRow } from "./price-row";

/** A model's prices over time, the maintained catalogue's and the team's own. */
export async function listPrices(ctx: TeamContext, provider: string, model: string) {
  assertCan(ctx, "cost:read");
  const sql = await db();
  const rows = await sql<PriceRow[]>`
    select ${sql.unsafe(PRICE_COLUMNS)} from model_prices
    where provider = ${provider} and model = ${model} and (team_id is null or team_id = ${ctx.team.id})
    order by effective_from desc, (team_id is not null) desc`;
  return { prices: rows.map(toPrice), nextCursor: null };
}
