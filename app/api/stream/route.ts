import { withSession } from "@/lib/api/with-session";
import { openEventStream } from "@/lib/server/events/stream";

export const dynamic = "force-dynamic";

// GET /api/stream – the team's live events (Server-Sent Events), resumable with Last-Event-ID
export const GET = withSession(async (req, ctx) => {
  const lastEventId = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
  const body = await openEventStream(ctx, lastEventId, req.signal);
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
