import { randomBytes } from "node:crypto";
import { describeDevice } from "@/lib/auth/device";
import { cookieIsSecure, readCookie, serializeCookie } from "@/lib/auth/request";
import { hashToken } from "@/lib/auth/tokens";
import { db, type Sql, type Tx } from "@/lib/db/client";
import { newSignInMail } from "@/lib/mail/templates";
import { mailConfigured } from "@/lib/mail/transport";
import { kickMail, queueMail } from "./outbox";

// A browser is recognised by a long-lived random cookie; the server keeps only its SHA-256 per person.
export const DEVICE_COOKIE = "ocf_device";
const DEVICE_MAX_AGE_S = 400 * 86400; // the longest lifetime browsers grant a cookie
const DEVICE_FORMAT = /^ocfd_[A-Za-z0-9_-]{43}$/;

type SignIn = { ip: string; userAgent: string; origin: string };

/** This browser's device id, or a new one when it has none (or a malformed one). */
function deviceOf(req: Request): { id: string; isNew: boolean } {
  const found = readCookie(req, DEVICE_COOKIE);
  if (found && DEVICE_FORMAT.test(found)) return { id: found, isNew: false };
  return { id: `ocfd_${randomBytes(32).toString("base64url")}`, isNew: true };
}

async function remember(tx: Tx | Sql, userId: string, deviceId: string): Promise<boolean> {
  const rows = await tx`
    insert into known_devices (user_id, device_hash) values (${userId}, ${hashToken(deviceId)})
    on conflict (user_id, device_hash) do update set last_seen_at = now()
    returning (xmax = 0) as inserted`;
  return Boolean((rows[0] as { inserted?: boolean } | undefined)?.inserted);
}

/**
 * After a successful sign-in: remembers this browser for the person and, when it is one they had
 * not used before (and they have used another), mails them about it. The first browser of an account
 * (its sign-up) is only remembered. Answers the cookie to set when the browser had no device id yet.
 */
export async function noteSignIn(req: Request, user: { id: string; email: string }, meta: SignIn): Promise<string | null> {
  const device = deviceOf(req);
  const sql = await db();
  const mailed = await sql.begin(async (tx) => {
    const [before] = await tx<{ n: number }[]>`select count(*)::int as n from known_devices where user_id = ${user.id}`;
    const isNewHere = await remember(tx, user.id, device.id);
    if (!isNewHere || !before?.n || !mailConfigured()) return false;
    const at = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
    await queueMail(tx, "new_sign_in", newSignInMail(user.email, { device: describeDevice(meta.userAgent), ip: meta.ip, at }, `${meta.origin}/dashboard/settings/account`));
    return true;
  });
  if (mailed) kickMail();
  return device.isNew ? serializeCookie(DEVICE_COOKIE, device.id, { maxAgeS: DEVICE_MAX_AGE_S, secure: cookieIsSecure(req) }) : null;
}
