import { parseBody } from "@/lib/api/body";
import { assertOwnPage, signedIn } from "@/lib/api/two-factor-sign-in";
import { withPublic } from "@/lib/api/with-session";
import { clientIp, readCookie } from "@/lib/auth/request";
import { TwoFactorCodeInput } from "@/lib/schemas/two-factor";
import { PENDING_COOKIE } from "@/lib/server/two-factor/pending";
import { signInWithCode } from "@/lib/server/two-factor/sign-in";

// POST /api/auth/two-factor – finish a pending sign-in with an app code or a recovery code
export const POST = withPublic(async (req) => {
  assertOwnPage(req);
  const { code } = await parseBody(req, TwoFactorCodeInput);
  const meta = { ip: clientIp(req), userAgent: req.headers.get("user-agent") ?? "" };
  return signedIn(req, await signInWithCode(readCookie(req, PENDING_COOKIE), code, meta), meta);
});
