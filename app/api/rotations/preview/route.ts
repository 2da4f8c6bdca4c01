import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { RotationPreviewInput } from "@/lib/schemas/rotations";
import { previewRotation } from "@/lib/server/rotations/preview";

// POST /api/rotations/preview – the agents a rotation would cover, the policies it would write, what would refuse it
export const POST = withSession(async (req, ctx) => json(await previewRotation(ctx, await parseBody(req, RotationPreviewInput))));
