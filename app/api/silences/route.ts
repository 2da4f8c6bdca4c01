import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { SilenceCreateInput } from "@/lib/schemas/alerts";
import { createSilence, listSilences } from "@/lib/server/alerts/alerts";

// GET /api/silences – snoozes and maintenance windows in force
export const GET = withSession(async (req, ctx) => json({ silences: await listSilences(ctx, new URL(req.url).searchParams.get("scopeId") ?? undefined), nextCursor: null }));

// POST /api/silences – snooze an agent's or a fleet's notifications for N minutes (maintainers and owners)
export const POST = withSession(async (req, ctx) => json({ silence: await createSilence(ctx, await parseBody(req, SilenceCreateInput)) }, 201));
