import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { AlertListQuery } from "@/lib/schemas/alerts";
import { listAlerts } from "@/lib/server/alerts/alerts";

// GET /api/alerts?state&agentId – alert history, newest first
export const GET = withSession(async (req, ctx) => json({ alerts: await listAlerts(ctx, parseQuery(req, AlertListQuery)), nextCursor: null }));
