import { forbidden } from "@/lib/api/errors";
import type { Principal } from "./context";

/**
 * Password changes, sessions and reset links need the person signed in, not an API token: a leaked
 * token must not be able to lock its owner out or take over an account. Returns the session's id.
 */
export function requireSignedIn(principal: Principal): string {
  // A Supabase Auth session has no session row here: its password and sessions are Supabase's.
  if (principal.via === "session" && !principal.sessionId) throw forbidden("Passwords and sessions are managed by Supabase Auth on this server");
  if (principal.via !== "session" || !principal.sessionId) {
    throw forbidden("Sign in to do this; API tokens cannot change passwords, sessions or reset links");
  }
  return principal.sessionId;
}
