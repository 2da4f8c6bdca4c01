import { sessionCookie } from "@/lib/api/auth-cookies";
import { AppError } from "@/lib/api/errors";
import { json } from "@/lib/api/respond";
import { clearedPendingCookie } from "@/lib/api/two-factor-cookies";
import { isSameOrigin, publicOrigin } from "@/lib/auth/request";
import type { User } from "@/lib/schemas/auth";
import type { NewSession } from "@/lib/server/accounts/sessions";
import { noteSignIn } from "@/lib/server/mail/devices";

/** Sign-in steps come from our own pages only, as log-in does. */
export function assertOwnPage(req: Request): void {
  if (req.headers.has("origin") && !isSameOrigin(req)) throw new AppError("forbidden", "Cross-origin request refused");
}

/**
 * A finished sign-in: the session cookie, and the pending sign-in's cookie cleared; the browser is
 * noted as a device (mail about a new one), as after a password-only log-in.
 */
export async function signedIn(req: Request, { user, session }: { user: User; session: NewSession }, meta: { ip: string; userAgent: string }): Promise<Response> {
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", sessionCookie(req, session));
  headers.append("Set-Cookie", clearedPendingCookie(req));
  const device = await noteSignIn(req, user, { ...meta, origin: publicOrigin(req) });
  if (device) headers.append("Set-Cookie", device);
  return json({ user }, 200, headers);
}
