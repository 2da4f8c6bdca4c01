import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/context";
import { verifyPassword } from "@/lib/auth/password";
import { requireSignedIn } from "@/lib/auth/session-only";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { emailChangeMail, emailChangedMail } from "@/lib/mail/templates";
import { mailConfigured } from "@/lib/mail/transport";
import { enforceLimits } from "@/lib/rate-limit";
import type { EmailChange, EmailChangeInput } from "@/lib/schemas/mail";
import { LOGIN_LIMITS } from "../accounts/login";
import { auditAccount } from "./audit-account";
import { kickMail, queueMail } from "./outbox";

export const EMAIL_CHANGE_TTL_MINUTES = 60;
export const EMAIL_LINK_INVALID = "This confirmation link is invalid, expired or already used; ask for a new one from your account page";
// Says no more than that the address cannot be used: the current password was needed to ask.
const ADDRESS_TAKEN = "This address cannot be used for your account";
const confirmUrl = (origin: string, token: string) => `${origin}/confirm-email#token=${token}`;

/**
 * Asks to move the account to a new address: the current password is checked, a one-time link
 * (hash stored, single use, expiring) goes to the new address, or is answered when there is no SMTP.
 * Nothing changes until the link is opened.
 */
export async function requestEmailChange(principal: Principal, input: EmailChangeInput, origin: string): Promise<EmailChange> {
  requireSignedIn(principal);
  await enforceLimits([{ key: `email-change:account:${principal.user.id}`, rule: LOGIN_LIMITS.account }]);
  const sql = await db();
  const [row] = await sql<{ email: string; password_hash: string }[]>`select email, password_hash from users where id = ${principal.user.id}`;
  if (!row || !(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new AppError("invalid_request", "The current password is wrong", [{ path: "currentPassword", message: "The current password is wrong" }]);
  }
  if (row.email.toLowerCase() === input.email) throw new AppError("invalid_request", "This is already your address", [{ path: "email", message: "This is already your address" }]);
  const token = `ocfe_${randomBytes(32).toString("base64url")}`;
  const mailed = mailConfigured();
  const result = await sql.begin(async (tx) => {
    const [taken] = await tx`select 1 from users where lower(email) = ${input.email}`;
    if (taken) throw new AppError("conflict", ADDRESS_TAKEN, [{ path: "email", message: ADDRESS_TAKEN }]);
    await tx`update email_changes set used_at = now() where user_id = ${principal.user.id} and used_at is null`;
    const [change] = await tx<{ id: string; expires_at: Date }[]>`
      insert into email_changes (user_id, new_email, token_hash, expires_at)
      values (${principal.user.id}, ${input.email}, ${hashToken(token)}, now() + make_interval(mins => ${EMAIL_CHANGE_TTL_MINUTES}))
      returning id, expires_at`;
    if (!change) throw new Error("e-mail change insert returned nothing");
    if (mailed) await queueMail(tx, "email_change", emailChangeMail(input.email, confirmUrl(origin, token), EMAIL_CHANGE_TTL_MINUTES));
    await auditAccount(tx, principal, { action: "account.email_change_request", targetType: "user", targetId: principal.user.id, after: { email: input.email, mailed } });
    return { email: input.email, expiresAt: change.expires_at.toISOString(), mailed, url: mailed ? null : confirmUrl(origin, token) };
  });
  if (mailed) kickMail();
  return result;
}

/** Opens a confirmation link: the account takes the new address, and the old one is told (with SMTP). */
export async function confirmEmailChange(token: string, meta: { ip: string }): Promise<{ email: string }> {
  await enforceLimits([{ key: `email-confirm:address:${meta.ip}`, rule: { limit: 10, windowS: 15 * 60 } }]);
  const sql = await db();
  const mailed = mailConfigured();
  const result = await sql.begin(async (tx) => {
    const [change] = await tx<{ user_id: string; new_email: string }[]>`
      update email_changes set used_at = now()
      where token_hash = ${hashToken(token)} and used_at is null and expires_at > now()
      returning user_id, new_email`;
    if (!change) throw new AppError("not_found", EMAIL_LINK_INVALID);
    const [user] = await tx<{ id: string; email: string; name: string }[]>`select id, email, name from users where id = ${change.user_id}`;
    if (!user) throw new AppError("not_found", EMAIL_LINK_INVALID);
    const [taken] = await tx`select 1 from users where lower(email) = ${change.new_email} and id <> ${user.id}`;
    if (taken) throw new AppError("conflict", ADDRESS_TAKEN);
    await tx`update users set email = ${change.new_email}, updated_at = now() where id = ${user.id}`;
    if (mailed) await queueMail(tx, "email_changed", emailChangedMail(user.email, change.new_email));
    await auditAccount(tx, { user, ip: meta.ip }, { action: "account.email_change", targetType: "user", targetId: user.id, before: { email: user.email }, after: { email: change.new_email } });
    return { email: change.new_email };
  });
  if (mailed) kickMail();
  return result;
}
