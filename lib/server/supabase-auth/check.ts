import { createClient } from "@supabase/supabase-js";
import { serverClientOptions } from "@/lib/supabase/server-options";
import { enabledProviders } from "./providers";
import { projectJwks, verifySupabaseToken } from "./verify";

export type CheckStep = { step: string; ok: boolean; detail: string };
export type AuthCheckInput = { url: string; anonKey: string; email: string; password: string; jwtSecret?: string };

/**
 * Sign-in through Supabase Auth against a real project, step by step: its settings and providers, a
 * test user's password sign-in, the access token verified exactly as the server does (the project's
 * JWKS, or the legacy secret), the user behind it, and sign-out. Stops at the first failure.
 */
export async function checkSupabaseAuth(input: AuthCheckInput): Promise<CheckStep[]> {
  const url = input.url.replace(/\/+$/, "");
  const issuer = `${url}/auth/v1`;
  const steps: CheckStep[] = [];
  const record = (step: string, ok: boolean, detail: string) => (steps.push({ step, ok, detail }), ok);
  const providers = await enabledProviders({ url, anonKey: input.anonKey, issuer });
  record("settings", true, providers.length ? `OAuth providers enabled: ${providers.map((p) => p.label).join(", ")}` : "no OAuth provider enabled (password and magic links only)");
  const client = createClient(url, input.anonKey, { ...serverClientOptions, auth: { persistSession: false, autoRefreshToken: false } });
  const signIn = await client.auth.signInWithPassword({ email: input.email, password: input.password }).catch((e: unknown) => ({ data: { session: null }, error: { message: String(e) } }));
  const session = signIn.data.session;
  if (!record("password sign-in", Boolean(session), session ? `signed in as ${input.email}` : `refused: ${signIn.error?.message ?? "no session"}`) || !session) return steps;
  try {
    const claims = await verifySupabaseToken(session.access_token, { issuer, jwks: projectJwks(issuer), jwtSecret: input.jwtSecret });
    record("token verified", true, `issuer ${issuer}, audience authenticated, sub ${claims.sub}`);
  } catch (error) {
    record("token verified", false, `${error instanceof Error ? error.message : String(error)} (JWKS at ${issuer}/.well-known/jwks.json${input.jwtSecret ? " or SUPABASE_JWT_SECRET" : "; a legacy HS256 project needs SUPABASE_JWT_SECRET"})`);
    return steps;
  }
  const user = await client.auth.getUser(session.access_token);
  if (!record("user", Boolean(user.data.user), user.data.user ? `e-mail ${user.data.user.email_confirmed_at ? "confirmed" : "not confirmed"}` : `refused: ${user.error?.message}`)) return steps;
  const out = await client.auth.signOut({ scope: "local" });
  record("sign-out", !out.error, out.error ? out.error.message : "refresh token revoked");
  return steps;
}
