import type { SupabaseAuthConfig } from "@/lib/supabase/config";

export type AuthProvider = { id: string; label: string };

// Entries of `external` in /auth/v1/settings that are not OAuth providers.
const NOT_OAUTH = new Set(["email", "phone", "anonymous_users", "saml", "web3"]);
const LABELS: Record<string, string> = {
  github: "GitHub", gitlab: "GitLab", google: "Google", azure: "Microsoft", linkedin_oidc: "LinkedIn",
  slack_oidc: "Slack", twitter: "X (Twitter)", workos: "WorkOS", bitbucket: "Bitbucket", keycloak: "Keycloak",
};
const label = (id: string) => LABELS[id] ?? id.charAt(0).toUpperCase() + id.slice(1).replace(/_oidc$/, "").replace(/_/g, " ");

let cached: { at: number; url: string; providers: AuthProvider[] } | undefined;

/** The OAuth providers the project enables (`GET /auth/v1/settings`, `external`), cached for a minute. */
export async function enabledProviders(config: SupabaseAuthConfig): Promise<AuthProvider[]> {
  if (cached && cached.url === config.url && Date.now() - cached.at < 60_000) return cached.providers;
  const res = await fetch(`${config.issuer}/settings`, { headers: { apikey: config.anonKey }, signal: AbortSignal.timeout(5_000) }).catch(() => null);
  const body = res?.ok ? ((await res.json().catch(() => null)) as { external?: Record<string, unknown> } | null) : null;
  // Unreachable: no buttons this time (password and magic links still show), and ask again next time.
  if (!body?.external) return [];
  const providers = Object.entries(body.external)
    .filter(([id, on]) => on === true && !NOT_OAUTH.has(id) && /^[a-z0-9_]{1,40}$/.test(id))
    .map(([id]) => ({ id, label: label(id) }));
  cached = { at: Date.now(), url: config.url, providers };
  return providers;
}
