import { AppError } from "@/lib/api/errors";
import { sessionCookie } from "@/lib/api/auth-cookies";
import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withPublic } from "@/lib/api/with-session";
import { assertBuiltInAccounts } from "@/lib/server/supabase-auth/mode";
import { clientIp, isSameOrigin, publicOrigin } from "@/lib/auth/request";
import { LoginInput } from "@/lib/schemas/auth";
import { logIn } from "@/lib/server/accounts/login";
import { noteSignIn } from "@/lib/server/mail/devices";

// POST /api/auth/login – check e-mail and password, open a session
export const POST = withPublic(async (req) => {
  if (req.headers.has("origin") && !isSameOrigin(req)) throw new AppError("forbidden", "Cross-origin request refused");
  assertBuiltInAccounts();
  const input = await parseBody(req, LoginInput);
  const meta = { ip: clientIp(req), userAgent: req.headers.get("user-agent") ?? "" };
  const { user, session } = await logIn(input, meta);
  const device = await noteSignIn(req, user, { ...meta, origin: publicOrigin(req) });
  return json({ user }, 200, [["Set-Cookie", sessionCookie(req, session)], ...(device ? [["Set-Cookie", device] as [string, string]] : [])]);
});
