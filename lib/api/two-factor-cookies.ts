import { cookieIsSecure, serializeCookie } from "@/lib/auth/request";
import { PENDING_COOKIE } from "@/lib/server/two-factor/pending";

/** The pending sign-in's cookie: httpOnly, five minutes, sent only to this server. */
export const pendingCookie = (req: Request, pending: { token: string; maxAgeS: number }) =>
  serializeCookie(PENDING_COOKIE, pending.token, { maxAgeS: pending.maxAgeS, secure: cookieIsSecure(req) });

export const clearedPendingCookie = (req: Request) => serializeCookie(PENDING_COOKIE, "", { maxAgeS: 0, secure: cookieIsSecure(req) });
