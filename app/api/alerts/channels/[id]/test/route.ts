import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { sendTestNotification } from "@/lib/server/alerts/channel-admin";

// POST /api/alerts/channels/[id]/test – deliver a sample notification now and report how it went
export const POST = withSession<{ id: string }>(async (_req, ctx, { id }) => json({ result: await sendTestNotification(ctx, id) }));
