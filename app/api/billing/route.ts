import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { getBilling } from "@/lib/server/billing/get";

// GET /api/billing – the team's plan, subscription status, usage against each limit and (owners) invoices
export const GET = withSession(async (_req, ctx) => json({ billing: await getBilling(ctx) }));
