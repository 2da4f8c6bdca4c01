import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { passwordResetMail } from "@/lib/mail/templates";
import { mailConfigured } from "@/lib/mail/transport";
import { enforceLimits } from "@/lib/rate-limit";
import { insertReset } from "../accounts/reset-links";
import { detach } from "./detach";
import { kickMail, queueMail } from "./outbox";

// Per address and per account (the e-mail typed, whether or not it has one), so neither a flood
// from one place nor a spray of mail at one person gets through; both are counted for every request.
export const FORGOT_LIMITS = {
  address: { limit: 20, windowS: 15 * 60 },
  account: { limit: 5, windowS: 15 * 60 },
};
export const FORGOT_ACCEPTED = "If an account uses this address, a link to set a new password is on its way. It works once, for 30 minutes.";
export const MAIL_NOT_CONFIGURED = "E-mail is not configured on this server. Ask an owner of your team for a reset link, or the server's operator (npm run user:reset-password).";

/**
 * "Forgot password": answers the same, at once, whether or not the address has an account. The
 * look-up and the mail happen after the answer, so neither the body nor the time tells them apart.
 */
export async function requestPasswordReset(email: string, meta: { ip: string; origin: string }): Promise<{ message: string }> {
  if (!mailConfigured()) throw new AppError("invalid_request", MAIL_NOT_CONFIGURED);
  await enforceLimits([
    { key: `forgot:address:${meta.ip}`, rule: FORGOT_LIMITS.address },
    { key: `forgot:account:${email}`, rule: FORGOT_LIMITS.account },
  ]);
  detach("password reset mail", () => mailResetLink(email, meta.origin));
  return { message: FORGOT_ACCEPTED };
}

/** Stores a one-time link for the account with this address (if any) and queues its mail, in one transaction. */
export async function mailResetLink(email: string, origin: string): Promise<boolean> {
  const sql = await db();
  const queued = await sql.begin(async (tx) => {
    const [user] = await tx<{ id: string; email: string }[]>`select id, email from users where lower(email) = ${email}`;
    if (!user) return false;
    const link = await insertReset(tx, user.id, origin, null);
    await queueMail(tx, "password_reset", passwordResetMail(user.email, link.url));
    return true;
  });
  if (queued) kickMail();
  return queued;
}
