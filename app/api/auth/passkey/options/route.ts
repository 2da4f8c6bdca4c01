import { json } from "@/lib/api/respond";
import { assertOwnPage } from "@/lib/api/two-factor-sign-in";
import { withPublic } from "@/lib/api/with-session";
import { clientIp } from "@/lib/auth/request";
import { relyingParty } from "@/lib/auth/webauthn";
import { enforceLimits } from "@/lib/rate-limit";
import { PASSKEY_LIMITS, passkeySignInOptions } from "@/lib/server/two-factor/sign-in";

// POST /api/auth/passkey/options – a challenge for signing in with any passkey, no password
export const POST = withPublic(async (req) => {
  assertOwnPage(req);
  await enforceLimits([{ key: `passkey-options:address:${clientIp(req)}`, rule: PASSKEY_LIMITS.address }]);
  return json({ options: await passkeySignInOptions(relyingParty(req)) });
});
