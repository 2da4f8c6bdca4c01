import { AppError } from "@/lib/api/errors";
import { clearedCookies } from "@/lib/api/auth-cookies";
import { noContent } from "@/lib/api/respond";
import { withPublic } from "@/lib/api/with-session";
import { SESSION_COOKIE, isSameOrigin, readCookie } from "@/lib/auth/request";
import { logOut } from "@/lib/server/accounts/login";
import { signOutOfSupabase } from "@/lib/server/supabase-auth/sign-out";

// POST /api/auth/logout – revoke the session and clear its cookie
export const POST = withPublic(async (req) => {
  const token = readCookie(req, SESSION_COOKIE);
  if (token && !isSameOrigin(req)) throw new AppError("forbidden", "Cross-origin request refused");
  await logOut(token);
  const headers = new Headers();
  for (const cookie of clearedCookies(req)) headers.append("Set-Cookie", cookie);
  await signOutOfSupabase(req, headers);
  return noContent(headers);
});
