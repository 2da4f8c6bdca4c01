import { parseBody } from "@/lib/api/body";
import { json, noContent } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { PasskeyRenameInput } from "@/lib/schemas/two-factor";
import { removePasskey, renamePasskey } from "@/lib/server/two-factor/passkeys";

// PATCH /api/me/passkeys/[id] – rename one of your passkeys
export const PATCH = withUser<{ id: string }>(async (req, principal, { id }) => {
  const { name } = await parseBody(req, PasskeyRenameInput);
  return json({ passkey: await renamePasskey(principal, id, name) });
});

// DELETE /api/me/passkeys/[id] – remove one of your passkeys
export const DELETE = withUser<{ id: string }>(async (_req, principal, { id }) => {
  await removePasskey(principal, id);
  return noContent();
});
