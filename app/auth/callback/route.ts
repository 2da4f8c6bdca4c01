import type { EmailOtpType } from "@supabase/supabase-js";
import { clientIp, publicOrigin } from "@/lib/auth/request";
import { safeNext } from "@/lib/safe-next";
import { finishSupabaseSignIn } from "@/lib/server/supabase-auth/authenticate";
import { supabaseAuthConfig } from "@/lib/supabase/config";
import { supabaseForRequest } from "@/lib/supabase/server";

const OTP_TYPES = new Set<string>(["magiclink", "email", "signup", "invite", "recovery", "email_change"]);

export const dynamic = "force-dynamic";

// GET /auth/callback – a magic link or an OAuth provider returns here: its code (PKCE) or token hash becomes a session
export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const origin = publicOrigin(req);
  const next = safeNext(url.searchParams.get("next"));
  const back = (error: string) => redirect(`${origin}/login?error=${error}&next=${encodeURIComponent(next)}`);
  const config = supabaseAuthConfig();
  if (!config) return redirect(`${origin}/login`);
  const { client, applyCookies } = supabaseForRequest(req, config);
  const code = url.searchParams.get("code");
  const tokenHash = url.searchParams.get("token_hash");
  const type = url.searchParams.get("type") ?? "";
  const result = code && code.length <= 512
    ? await client.auth.exchangeCodeForSession(code).catch(() => null)
    : tokenHash && tokenHash.length <= 512 && OTP_TYPES.has(type)
      ? await client.auth.verifyOtp({ token_hash: tokenHash, type: type as EmailOtpType }).catch(() => null)
      : null;
  const session = result?.data.session;
  if (!session) return back("link");
  try {
    // Verified like every later request, and the user here is found or created now.
    await finishSupabaseSignIn(session.access_token, clientIp(req));
  } catch {
    return back("account");
  }
  const response = redirect(`${origin}${next}`);
  applyCookies(response.headers);
  return response;
}

const redirect = (location: string) => new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
