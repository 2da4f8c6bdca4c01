import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { SecretCreateInput } from "@/lib/schemas/secrets";
import { createSecret } from "@/lib/server/secrets/create";
import { listSecrets } from "@/lib/server/secrets/list";

// GET /api/secrets – the team's secrets at every level, masked (never a value)
export const GET = withSession(async (_req, ctx) => json(await listSecrets(ctx)));

// POST /api/secrets – store a secret for the team, a fleet or an agent (maintainers and owners); write-only
export const POST = withSession(async (req, ctx) => json({ secret: await createSecret(ctx, await parseBody(req, SecretCreateInput)) }, 201));
