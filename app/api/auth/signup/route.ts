import { AppError } from "@/lib/api/errors";
import { sessionCookie, teamCookie } from "@/lib/api/auth-cookies";
import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withPublic } from "@/lib/api/with-session";
import { assertBuiltInAccounts } from "@/lib/server/supabase-auth/mode";
import { clientIp, isSameOrigin, publicOrigin } from "@/lib/auth/request";
import { env } from "@/lib/env";
import { enforceLimits } from "@/lib/rate-limit";
import { SignupInput } from "@/lib/schemas/auth";
import { signUp } from "@/lib/server/accounts/signup";
import { noteSignIn } from "@/lib/server/mail/devices";

// POST /api/auth/signup – create an account, its personal team, and a session
export const POST = withPublic(async (req) => {
  if (req.headers.has("origin") && !isSameOrigin(req)) throw new AppError("forbidden", "Cross-origin request refused");
  assertBuiltInAccounts();
  const ip = clientIp(req);
  await enforceLimits([{ key: `signup:address:${ip}`, rule: { limit: env().RATE_LIMIT_SIGNUPS_PER_HOUR, windowS: 3600 } }]);
  const input = await parseBody(req, SignupInput);
  const { user, team, session } = await signUp(input, { ip, userAgent: req.headers.get("user-agent") ?? "" });
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", sessionCookie(req, session));
  headers.append("Set-Cookie", teamCookie(req, team.id));
  const device = await noteSignIn(req, user, { ip, userAgent: req.headers.get("user-agent") ?? "", origin: publicOrigin(req) });
  if (device) headers.append("Set-Cookie", device);
  return json({ user, team }, 201, headers);
});
