import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { ChannelCreateInput } from "@/lib/schemas/alerts";
import { createChannel, listChannels } from "@/lib/server/alerts/channel-admin";

// GET /api/alerts/channels – the team's notification channels (secrets masked)
export const GET = withSession(async (_req, ctx) => json({ channels: await listChannels(ctx), nextCursor: null }));

// POST /api/alerts/channels – add Slack, Discord, PagerDuty or a signed webhook (maintainers and owners)
export const POST = withSession(async (req, ctx) => json({ channel: await createChannel(ctx, await parseBody(req, ChannelCreateInput)) }, 201));
