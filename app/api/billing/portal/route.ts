import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { publicOrigin } from "@/lib/auth/request";
import { openPortal } from "@/lib/server/billing/portal";

// POST /api/billing/portal – open Stripe's Customer Portal for the team (owners); answers the page to open
export const POST = withSession(async (req, ctx) => json(await openPortal(ctx, publicOrigin(req))));
