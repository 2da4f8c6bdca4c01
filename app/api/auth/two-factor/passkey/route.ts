import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { parseBody } from "@/lib/api/body";
import { assertOwnPage, signedIn } from "@/lib/api/two-factor-sign-in";
import { withPublic } from "@/lib/api/with-session";
import { clientIp, readCookie } from "@/lib/auth/request";
import { relyingParty } from "@/lib/auth/webauthn";
import { PasskeyAssertionInput } from "@/lib/schemas/two-factor";
import { PENDING_COOKIE } from "@/lib/server/two-factor/pending";
import { signInWithPasskeySecondFactor } from "@/lib/server/two-factor/sign-in";

// POST /api/auth/two-factor/passkey – finish a pending sign-in with a passkey
export const POST = withPublic(async (req) => {
  assertOwnPage(req);
  const { response } = await parseBody(req, PasskeyAssertionInput);
  const meta = { ip: clientIp(req), userAgent: req.headers.get("user-agent") ?? "" };
  return signedIn(req, await signInWithPasskeySecondFactor(readCookie(req, PENDING_COOKIE), relyingParty(req), response as unknown as AuthenticationResponseJSON, meta), meta);
});
