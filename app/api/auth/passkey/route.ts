import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { parseBody } from "@/lib/api/body";
import { assertOwnPage, signedIn } from "@/lib/api/two-factor-sign-in";
import { withPublic } from "@/lib/api/with-session";
import { clientIp } from "@/lib/auth/request";
import { relyingParty } from "@/lib/auth/webauthn";
import { PasskeyAssertionInput } from "@/lib/schemas/two-factor";
import { signInWithPasskey } from "@/lib/server/two-factor/sign-in";

// POST /api/auth/passkey – sign in with a passkey alone (it verified you: PIN or biometrics)
export const POST = withPublic(async (req) => {
  assertOwnPage(req);
  const { response } = await parseBody(req, PasskeyAssertionInput);
  const meta = { ip: clientIp(req), userAgent: req.headers.get("user-agent") ?? "" };
  return signedIn(req, await signInWithPasskey(relyingParty(req), response as unknown as AuthenticationResponseJSON, meta), meta);
});
