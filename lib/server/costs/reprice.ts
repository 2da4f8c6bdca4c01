import type { Tx } from "@/lib/db/client";
import { baseShares, type ShareScope } from "./base-shares";
import { addToRollups } from "./share";

async function addShares(tx: Tx, scope: ShareScope, sign: 1 | -1) {
  await tx`
    insert into reprice_shares
    select team_id, fleet_id, agent_id, day, provider, model, ${sign}::int, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
      calls, reported_cost, estimated_cost, unpriced_calls
    from (${baseShares(tx, scope)}) s`;
}

/**
 * Runs `change` (an edit of prices or the catalogue) in the transaction `tx` and moves the spend
 * rollups by what it changed: every stored usage record in the scope is priced before and after,
 * and the difference is added. Figures the gateway priced itself never move.
 */
export async function repriceAround<T>(tx: Tx, scope: ShareScope, change: () => Promise<T>): Promise<{ result: T; days: number }> {
  await tx`
    create temp table if not exists reprice_shares (team_id uuid, fleet_id uuid, agent_id uuid, day date, provider text, model text, sign int,
      input_tokens bigint, output_tokens bigint, cache_read_tokens bigint, cache_write_tokens bigint, calls bigint,
      reported_cost numeric, estimated_cost numeric, unpriced_calls bigint) on commit drop`;
  await addShares(tx, scope, -1);
  const result = await change();
  await addShares(tx, scope, 1);
  const [moved] = await tx<{ days: number }[]>`
    with ${tx.unsafe(addToRollups("reprice_shares", "moved"))}
    select count(distinct day)::int as days from reprice_shares where sign = 1`;
  await tx`drop table reprice_shares`;
  return { result, days: moved?.days ?? 0 };
}
