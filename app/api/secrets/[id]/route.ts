import { parseBody } from "@/lib/api/body";
import { json, noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { SecretUpdateInput } from "@/lib/schemas/secrets";
import { deleteSecret } from "@/lib/server/secrets/delete";
import { updateSecret } from "@/lib/server/secrets/update";

type Params = { id: string };

// PUT /api/secrets/[id] – rotate (a new value) and/or describe a secret (maintainers and owners)
export const PUT = withSession<Params>(async (req, ctx, { id }) => json({ secret: await updateSecret(ctx, id, await parseBody(req, SecretUpdateInput)) }));

// DELETE /api/secrets/[id] – delete a secret; agents in scope converge on its removal (maintainers and owners)
export const DELETE = withSession<Params>(async (_req, ctx, { id }) => {
  await deleteSecret(ctx, id);
  return noContent();
});
