import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { revertRotation } from "@/lib/server/rotations/revert";

// POST /api/rotations/[id]/revert – restores the documents the rotation replaced, where no one changed them since
export const POST = withSession<{ id: string }>(async (_req, ctx, { id }) => json(await revertRotation(ctx, id)));
