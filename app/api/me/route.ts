import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { TEAM_COOKIE, readCookie } from "@/lib/auth/request";
import { ProfileUpdateInput } from "@/lib/schemas/account";
import { getMe } from "@/lib/server/accounts/me";
import { updateProfile } from "@/lib/server/accounts/update-profile";

// GET /api/me – the caller, their teams and the active team
export const GET = withUser(async (req, principal) => {
  const preferred = req.headers.get("x-team-id") ?? readCookie(req, TEAM_COOKIE) ?? principal.token?.teamId;
  return json(await getMe(principal, preferred));
}, { beforeTwoFactor: true });

// PATCH /api/me – change your name
export const PATCH = withUser(async (req, principal) => {
  const input = await parseBody(req, ProfileUpdateInput);
  return json({ user: await updateProfile(principal, input) });
});
