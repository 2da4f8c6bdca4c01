import { AppError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/context";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { requireSignedIn } from "@/lib/auth/session-only";
import { db } from "@/lib/db/client";
import { enforceLimits } from "@/lib/rate-limit";
import type { PasswordChangeInput } from "@/lib/schemas/account";
import { LOGIN_LIMITS } from "./login";
import { endUserSessions } from "./end-sessions";

/** Sets a new password once the current one is proven; every other session of the person ends. */
export async function changePassword(principal: Principal, input: PasswordChangeInput): Promise<{ endedSessions: number }> {
  const sessionId = requireSignedIn(principal);
  await enforceLimits([{ key: `password:account:${principal.user.id}`, rule: LOGIN_LIMITS.account }]);
  const sql = await db();
  const [row] = await sql<{ password_hash: string }[]>`select password_hash from users where id = ${principal.user.id}`;
  if (!row || !(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new AppError("invalid_request", "The current password is wrong", [{ path: "currentPassword", message: "The current password is wrong" }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  return sql.begin(async (tx) => {
    await tx`update users set password_hash = ${passwordHash}, updated_at = now() where id = ${principal.user.id}`;
    await tx`update password_resets set used_at = now() where user_id = ${principal.user.id} and used_at is null`;
    return { endedSessions: await endUserSessions(tx, principal.user.id, { except: sessionId }) };
  });
}
