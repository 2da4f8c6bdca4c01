import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { TokenCreateInput } from "@/lib/schemas/tokens";
import { createToken } from "@/lib/server/tokens/create";
import { listTokens } from "@/lib/server/tokens/list";

// GET /api/tokens – the caller's API tokens in the active team
export const GET = withSession(async (_req, ctx) => json({ apiTokens: await listTokens(ctx), nextCursor: null }));

// POST /api/tokens – create a token; the secret is in the answer and nowhere else
export const POST = withSession(async (req, ctx) => {
  const input = await parseBody(req, TokenCreateInput);
  return json(await createToken(ctx, input), 201);
});
