import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { publicOrigin } from "@/lib/auth/request";
import { CheckoutInput } from "@/lib/schemas/billing";
import { startCheckout } from "@/lib/server/billing/checkout";

// POST /api/billing/checkout – start Stripe Checkout for a paid plan (owners); answers the page to open
export const POST = withSession(async (req, ctx) => json(await startCheckout(ctx, await parseBody(req, CheckoutInput), publicOrigin(req))));
