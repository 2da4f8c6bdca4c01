import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { RotationDetailQuery } from "@/lib/schemas/rotations";
import { getRotation } from "@/lib/server/rotations/get";

// GET /api/rotations/[id] – a rotation's agents: confirmed by read-back, pending or failed, with their session pins
export const GET = withSession<{ id: string }>(async (req, ctx, { id }) => json(await getRotation(ctx, id, parseQuery(req, RotationDetailQuery))));
