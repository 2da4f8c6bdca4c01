import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { OverviewQuery } from "@/lib/schemas/overview";
import { getOverview } from "@/lib/server/overview/get";

// GET /api/overview?fleetId – counts by status, agents needing attention, regions, recent events
export const GET = withSession(async (req, ctx) => json({ overview: await getOverview(ctx, parseQuery(req, OverviewQuery)) }));
