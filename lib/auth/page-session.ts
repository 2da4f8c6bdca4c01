import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/api/errors";
import { getMe } from "@/lib/server/accounts/me";
import { authenticateSupabase } from "@/lib/server/supabase-auth/authenticate";
import { supabaseAuthConfig } from "@/lib/supabase/config";
import { SETUP_PATH } from "@/lib/server/two-factor/required";
import { twoFactorMissing } from "@/lib/server/two-factor/status";
import { authenticateSession, contextForTeam, type Principal, type TeamContext } from "./context";
import { SESSION_COOKIE, TEAM_COOKIE } from "./request";

export type PageSession = {
  principal: Principal;
  me: Awaited<ReturnType<typeof getMe>>;
  /** The active team's context; null when the user belongs to no team. */
  ctx: TeamContext | null;
};

/** The signed-in person for a server component, or null. */
export async function getPageSession(): Promise<PageSession | null> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  const supabase = supabaseAuthConfig() !== null;
  if (!token && !supabase) return null;
  let principal: Principal;
  try {
    principal = supabase ? await authenticateSupabase(jar.getAll(), "page") : await authenticateSession(token ?? "", "page");
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthorized") return null;
    throw error;
  }
  const me = await getMe(principal, jar.get(TEAM_COOKIE)?.value);
  const ctx = me.activeTeamId ? await contextForTeam(principal, me.activeTeamId) : null;
  return { principal, me, ctx };
}

/** Like getPageSession, but sends people who are not signed in to the log-in page and back. */
export async function requirePageSession(next?: string): Promise<PageSession> {
  const session = await getPageSession();
  if (!session) {
    const back = next ?? (await headers()).get("x-pathname") ?? "/dashboard";
    redirect(`/login?next=${encodeURIComponent(back)}`);
  }
  if (await twoFactorMissing(session.principal.user.id)) redirect(SETUP_PATH);
  return session;
}
