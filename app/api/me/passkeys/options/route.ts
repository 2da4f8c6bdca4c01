import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { relyingParty } from "@/lib/auth/webauthn";
import { passkeyRegistrationOptions } from "@/lib/server/two-factor/passkeys";

// POST /api/me/passkeys/options – a challenge and options for registering a passkey
export const POST = withUser(async (req, principal) => json({ options: await passkeyRegistrationOptions(principal, relyingParty(req)) }), { beforeTwoFactor: true });
