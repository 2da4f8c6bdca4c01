import { AppError } from "@/lib/api/errors";
import { sessionCookie } from "@/lib/api/auth-cookies";
import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { pendingCookie } from "@/lib/api/two-factor-cookies";
import { withPublic } from "@/lib/api/with-session";
import { assertBuiltInAccounts } from "@/lib/server/supabase-auth/mode";
import { clientIp, isSameOrigin, publicOrigin } from "@/lib/auth/request";
import { LoginInput } from "@/lib/schemas/auth";
import { logIn } from "@/lib/server/accounts/login";
import { noteSignIn } from "@/lib/server/mail/devices";

// POST /api/auth/login – check e-mail and password, open a session (or, with two-factor on, a pending sign-in)
export const POST = withPublic(async (req) => {
  if (req.headers.has("origin") && !isSameOrigin(req)) throw new AppError("forbidden", "Cross-origin request refused");
  assertBuiltInAccounts();
  const input = await parseBody(req, LoginInput);
  const meta = { ip: clientIp(req), userAgent: req.headers.get("user-agent") ?? "" };
  const result = await logIn(input, meta);
  if (result.pending) return json({ twoFactorRequired: true }, 200, { "Set-Cookie": pendingCookie(req, result.pending) });
  const device = await noteSignIn(req, result.user, { ...meta, origin: publicOrigin(req) });
  return json({ user: result.user }, 200, [["Set-Cookie", sessionCookie(req, result.session)], ...(device ? [["Set-Cookie", device] as [string, string]] : [])]);
});
