import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { listAgentEvents } from "@/lib/server/agents/events";

// GET /api/agents/[id]/events – the agent's recent status changes, newest first
export const GET = withSession<{ id: string }>(async (_req, ctx, { id }) => json({ events: await listAgentEvents(ctx, id), nextCursor: null }));
