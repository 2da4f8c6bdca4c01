import { parseBody } from "@/lib/api/body";
import { json, noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { ChannelUpdateInput } from "@/lib/schemas/alerts";
import { deleteChannel, getChannel, updateChannel } from "@/lib/server/alerts/channel-admin";

type Params = { id: string };

// GET /api/alerts/channels/[id] – one channel (secret masked)
export const GET = withSession<Params>(async (_req, ctx, { id }) => json({ channel: await getChannel(ctx, id) }));

// PATCH /api/alerts/channels/[id] – rename, or replace the config (rotates the secret)
export const PATCH = withSession<Params>(async (req, ctx, { id }) => json({ channel: await updateChannel(ctx, id, await parseBody(req, ChannelUpdateInput)) }));

// DELETE /api/alerts/channels/[id] – remove the channel (rules stop naming it)
export const DELETE = withSession<Params>(async (_req, ctx, { id }) => {
  await deleteChannel(ctx, id);
  return noContent();
});
