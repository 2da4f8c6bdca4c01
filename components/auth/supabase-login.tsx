import { enabledProviders } from "@/lib/server/supabase-auth/providers";
import type { SupabaseAuthConfig } from "@/lib/supabase/config";
import { SupabaseSignIn } from "./supabase-sign-in";

// What /auth/callback reports back, by code only: the page never shows text taken from its URL.
const CALLBACK_ERRORS: Record<string, string> = {
  link: "That sign-in link is invalid or has expired; ask for a new one.",
  account: "This account could not be signed in here. If an account with its e-mail already exists, confirm the address with Supabase to link it.",
};

/** The log-in page's body in Supabase Auth mode. */
export async function SupabaseLogin({ config, next, error }: { config: SupabaseAuthConfig; next?: string; error?: string | string[] }) {
  const providers = await enabledProviders(config);
  const initialError = typeof error === "string" ? CALLBACK_ERRORS[error] : undefined;
  return (
    <>
      <h1 className="text-xl font-semibold">Welcome back</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">Log in to see your fleets.</p>
      <SupabaseSignIn url={config.url} anonKey={config.anonKey} providers={providers} next={next} initialError={initialError} />
    </>
  );
}
