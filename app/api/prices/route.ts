import { parseBody, parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { PriceCreateInput, PriceListQuery } from "@/lib/schemas/prices";
import { createPrice } from "@/lib/server/prices/create";
import { listPrices } from "@/lib/server/prices/list-prices";

// GET /api/prices?provider&model – a model's prices over time (the catalogue's and the team's own)
export const GET = withSession(async (req, ctx) => {
  const q = parseQuery(req, PriceListQuery);
  return json(await listPrices(ctx, q.provider, q.model));
});

// POST /api/prices – set the team's own price for a model from a day on (maintainers and owners)
export const POST = withSession(async (req, ctx) => json(await createPrice(ctx, await parseBody(req, PriceCreateInput)), 201));
