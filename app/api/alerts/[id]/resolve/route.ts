import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { respondToAlert } from "@/lib/server/alerts/alerts";

// POST /api/alerts/[id]/resolve – resolve by hand (a resolve notification follows when it was notified) (maintainers and owners)
export const POST = withSession<{ id: string }>(async (_req, ctx, { id }) => json({ alert: await respondToAlert(ctx, id, "resolve") }));
