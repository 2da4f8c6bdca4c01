import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { CostQuery } from "@/lib/schemas/costs";
import { summariseCosts } from "@/lib/server/costs/summary";

// GET /api/costs – spend per day and model, by model, provider, fleet and agent, month to date and forecast
export const GET = withSession(async (req, ctx) => json({ costs: await summariseCosts(ctx, parseQuery(req, CostQuery)) }));
