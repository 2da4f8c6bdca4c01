import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { endOtherSessions } from "@/lib/server/accounts/end-sessions";
import { listSessions } from "@/lib/server/accounts/list-sessions";

// GET /api/me/sessions – your active sessions, the current one marked
export const GET = withUser(async (_req, principal) => json({ sessions: await listSessions(principal), nextCursor: null }));

// DELETE /api/me/sessions – end every session of yours but this one
export const DELETE = withUser(async (_req, principal) => json(await endOtherSessions(principal)));
