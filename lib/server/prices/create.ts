import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db/client";
import type { PriceCreateInput } from "@/lib/schemas/prices";
import { audit } from "../audit/record";
import { repriceAround } from "../costs/reprice";
import { PRICE_COLUMNS, toPrice, type PriceRow } from "./price-row";

/** Every name the model is reported under (its catalogue prefixes): the usage a price change may move. */
export async function namesOf(tx: Tx, teamId: string, provider: string, model: string): Promise<string[]> {
  const rows = await tx<{ match_prefixes: string[] }[]>`
    select match_prefixes from model_catalogue where provider = ${provider} and model = ${model} and (team_id is null or team_id = ${teamId})`;
  return [model, ...rows.flatMap((r) => r.match_prefixes)];
}

/**
 * Sets the team's own price for a model from a day on (a negotiated price, a self-hosted model's
 * real cost), replacing the team's price for that same day, and reprices stored usage from then.
 */
export async function createPrice(ctx: TeamContext, input: PriceCreateInput) {
  assertCan(ctx, "price:manage");
  const sql = await db();
  const teamId = ctx.team.id;
  return sql.begin(async (tx) => {
    const names = await namesOf(tx, teamId, input.provider, input.model);
    const { result: row, days } = await repriceAround(tx, { teamId, provider: input.provider, prefixes: names, from: input.effectiveFrom }, async () => {
      // A model no catalogue knows (a self-hosted one) gets a row of the team's own, so it is listed.
      await tx`
        insert into model_catalogue (team_id, provider, model) values (${teamId}, ${input.provider}, ${input.model})
        on conflict do nothing`;
      const [created] = await tx<PriceRow[]>`
        insert into model_prices (team_id, provider, model, effective_from, input_per_mtok, output_per_mtok, cache_read_per_mtok,
          cache_write_per_mtok, source, note, created_by)
        values (${teamId}, ${input.provider}, ${input.model}, ${input.effectiveFrom}, ${input.inputPerMtok}, ${input.outputPerMtok},
          ${input.cacheReadPerMtok ?? input.inputPerMtok}, ${input.cacheWritePerMtok ?? input.inputPerMtok}, 'team', ${input.note ?? null}, ${ctx.user.id})
        on conflict (coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid), provider, model, effective_from) do update set
          input_per_mtok = excluded.input_per_mtok, output_per_mtok = excluded.output_per_mtok, cache_read_per_mtok = excluded.cache_read_per_mtok,
          cache_write_per_mtok = excluded.cache_write_per_mtok, note = excluded.note, created_by = excluded.created_by, created_at = now()
        returning ${tx.unsafe(PRICE_COLUMNS)}`;
      if (!created) throw new Error("price not written");
      return created;
    });
    const price = toPrice(row);
    await audit(tx, ctx, { action: "price.set", targetType: "price", targetId: price.id, after: price });
    return { price, repriced: { days } };
  });
}
