import { json } from "@/lib/api/respond";
import { withCron } from "@/lib/api/with-cron";
import { mailConfigured } from "@/lib/mail/transport";
import { deliveryTick } from "@/lib/server/alerts/dispatch";
import { deliverDueMail } from "@/lib/server/mail/outbox";

export const dynamic = "force-dynamic";

// GET /api/cron/deliver – queue waiting alert notices and send what is due, mail included (every minute where nothing runs in the background)
export const GET = withCron(async () => json({ ...(await deliveryTick()), ...(mailConfigured() ? { mail: await deliverDueMail() } : {}) }));
