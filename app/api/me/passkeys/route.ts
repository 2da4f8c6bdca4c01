import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { relyingParty } from "@/lib/auth/webauthn";
import { PasskeyRegisterInput } from "@/lib/schemas/two-factor";
import { listPasskeys, registerPasskey } from "@/lib/server/two-factor/passkeys";

// GET /api/me/passkeys – your passkeys
export const GET = withUser(async (_req, principal) => json({ passkeys: await listPasskeys(principal), nextCursor: null }), { beforeTwoFactor: true });

// POST /api/me/passkeys – register a passkey (the answer to the options' challenge)
export const POST = withUser(async (req, principal) => {
  const input = await parseBody(req, PasskeyRegisterInput);
  return json(await registerPasskey(principal, relyingParty(req), input, req.headers.get("user-agent") ?? ""), 201);
}, { beforeTwoFactor: true });
