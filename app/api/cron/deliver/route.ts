import { json } from "@/lib/api/respond";
import { withCron } from "@/lib/api/with-cron";
import { deliveryTick } from "@/lib/server/alerts/dispatch";

export const dynamic = "force-dynamic";

// GET /api/cron/deliver – queue waiting alert notices and send what is due (every minute where nothing runs in the background)
export const GET = withCron(async () => json(await deliveryTick()));
