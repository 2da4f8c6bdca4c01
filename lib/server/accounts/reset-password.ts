import { AppError } from "@/lib/api/errors";
import { hashPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { enforceLimits } from "@/lib/rate-limit";
import type { PasswordResetInput } from "@/lib/schemas/account";
import { endUserSessions } from "./end-sessions";
import { auditPasswordReset } from "../mail/audit-account";

// Per address, counted before the link is looked at; the secret itself carries 256 bits.
export const RESET_LIMITS = { address: { limit: 10, windowS: 15 * 60 } };
export const RESET_LINK_INVALID = "This reset link is invalid, expired or already used; ask for a new one";

/** Uses a one-time link: sets the password and ends every session of the person, in one transaction. */
export async function resetPassword(input: PasswordResetInput, meta: { ip: string }): Promise<void> {
  await enforceLimits([{ key: `reset:address:${meta.ip}`, rule: RESET_LIMITS.address }]);
  const passwordHash = await hashPassword(input.password);
  const sql = await db();
  await sql.begin(async (tx) => {
    const [reset] = await tx<{ user_id: string }[]>`
      update password_resets set used_at = now()
      where token_hash = ${hashToken(input.token)} and used_at is null and expires_at > now()
      returning user_id`;
    if (!reset) throw new AppError("not_found", RESET_LINK_INVALID);
    await tx`update users set password_hash = ${passwordHash}, updated_at = now() where id = ${reset.user_id}`;
    await tx`update password_resets set used_at = now() where user_id = ${reset.user_id} and used_at is null`;
    const ended = await endUserSessions(tx, reset.user_id);
    await auditPasswordReset(tx, reset.user_id, meta.ip, ended);
  });
}
