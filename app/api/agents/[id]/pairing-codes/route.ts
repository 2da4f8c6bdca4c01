import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { publicOrigin } from "@/lib/auth/request";
import { createPairingCode } from "@/lib/server/agents/pairing";

// POST /api/agents/[id]/pairing-codes – a one-time code (10 minutes) and the command to run on the host
export const POST = withSession<{ id: string }>(async (req, ctx, { id }) => json(await createPairingCode(ctx, id, publicOrigin(req)), 201));
