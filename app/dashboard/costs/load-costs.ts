import type { CostView } from "@/components/costs/cost-search";
import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import type { CostQuery } from "@/lib/schemas/costs";
import { summariseCosts } from "@/lib/server/costs/summary";

/**
 * The costs page's figures: the window shown, the whole range for the navigator, and the choices
 * for the filters (the range without fleet, provider and model). An agent or fleet that is not the
 * team's (a stale link) is dropped from the filters rather than failing the page.
 */
export async function loadCosts(ctx: TeamContext, view: CostView) {
  let query: CostQuery & { from: string; to: string } = view.query;
  let invalid = view.invalid;
  const shown = await summariseCosts(ctx, query).catch((e: unknown) => {
    if (!(e instanceof AppError && e.code === "not_found")) throw e;
    invalid = true;
    query = { ...query, agentId: undefined, fleetId: undefined };
    return summariseCosts(ctx, query);
  });
  const sameDays = !view.zoomed || (view.whole.from === query.from && view.whole.to === query.to);
  const whole = sameDays ? shown : await summariseCosts(ctx, { ...query, ...view.whole });
  const narrowed = Boolean(query.fleetId || query.provider || query.model);
  const options = narrowed ? await summariseCosts(ctx, { agentId: query.agentId, ...view.whole }) : whole;
  return { query, invalid, shown, whole, options };
}
