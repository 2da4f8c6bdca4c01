import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { requireSignedIn } from "@/lib/auth/session-only";
import { getTwoFactorStatus } from "@/lib/server/two-factor/status";

// GET /api/me/two-factor – which second factors you have, recovery codes left, teams that require it
export const GET = withUser(async (_req, principal) => {
  requireSignedIn(principal);
  return json({ twoFactor: await getTwoFactorStatus(principal.user.id) });
}, { beforeTwoFactor: true });
