import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { HeartbeatListQuery } from "@/lib/schemas/metrics";
import { listRecentHeartbeats } from "@/lib/server/agents/metrics";

// GET /api/agents/[id]/heartbeats?limit – the most recent heartbeats, newest first
export const GET = withSession<{ id: string }>(async (req, ctx, { id }) =>
  json({ heartbeats: await listRecentHeartbeats(ctx, id, parseQuery(req, HeartbeatListQuery).limit), nextCursor: null }),
);
