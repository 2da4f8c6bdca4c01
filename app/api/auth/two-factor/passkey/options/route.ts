import { json } from "@/lib/api/respond";
import { assertOwnPage } from "@/lib/api/two-factor-sign-in";
import { withPublic } from "@/lib/api/with-session";
import { readCookie } from "@/lib/auth/request";
import { relyingParty } from "@/lib/auth/webauthn";
import { PENDING_COOKIE } from "@/lib/server/two-factor/pending";
import { passkeySignInOptions } from "@/lib/server/two-factor/sign-in";

// POST /api/auth/two-factor/passkey/options – a challenge for a passkey of the pending sign-in's person
export const POST = withPublic(async (req) => {
  assertOwnPage(req);
  return json({ options: await passkeySignInOptions(relyingParty(req), readCookie(req, PENDING_COOKIE) ?? "") });
});
