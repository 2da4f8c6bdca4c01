import { parseBody, parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { RotationCreateInput, RotationListQuery } from "@/lib/schemas/rotations";
import { createRotation } from "@/lib/server/rotations/create";
import { listRotations } from "@/lib/server/rotations/list";

// GET /api/rotations – the team's model rotations, newest first, with how many agents confirmed
export const GET = withSession(async (req, ctx) => json(await listRotations(ctx, parseQuery(req, RotationListQuery))));

// POST /api/rotations – the kill switch: the backup model as primary for a scope, session pins cleared
export const POST = withSession(async (req, ctx) => json({ rotation: await createRotation(ctx, await parseBody(req, RotationCreateInput)) }, 201));
