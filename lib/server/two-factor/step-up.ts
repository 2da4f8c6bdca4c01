import { AppError } from "@/lib/api/errors";
import { verifyPassword } from "@/lib/auth/password";
import { decryptSecret } from "@/lib/crypto/secrets";
import type { Tx } from "@/lib/db/client";
import { enforceLimits } from "@/lib/rate-limit";
import type { StepUpInput } from "@/lib/schemas/two-factor";
import { acceptedStep } from "./totp";

// Second-factor attempts per account: a 6-digit code must not be guessable by trying.
export const TWO_FACTOR_LIMITS = { account: { limit: 10, windowS: 15 * 60 } };

export const totpAad = (userId: string) => `totp:${userId}`;
export const wrongCode = () => new AppError("invalid_request", "That code is wrong or was already used", [{ path: "code", message: "Wrong or already used" }]);

/**
 * Accepts an app code for the person once: the step it belongs to must be later than the last one
 * accepted, and becomes the last one, in the caller's transaction. `confirmed`: only an app in use.
 */
export async function takeTotpCode(tx: Tx, userId: string, code: string, { confirmed }: { confirmed: boolean }): Promise<boolean> {
  const [row] = await tx<{ secret_sealed: string; last_step: string | null }[]>`
    select secret_sealed, last_step from user_totp
    where user_id = ${userId} and (confirmed_at is not null) = ${confirmed} for update`;
  if (!row) return false;
  const step = acceptedStep(decryptSecret(row.secret_sealed, totpAad(userId)), code, row.last_step === null ? null : Number(row.last_step));
  if (step === null) return false;
  await tx`update user_totp set last_step = ${step} where user_id = ${userId}`;
  return true;
}

/** Proof it is the person, before turning a factor off or making new codes: the password or a current app code. */
export async function assertStepUp(tx: Tx, userId: string, input: StepUpInput): Promise<void> {
  await enforceLimits([{ key: `2fa:account:${userId}`, rule: TWO_FACTOR_LIMITS.account }]);
  if (input.password !== undefined) {
    const [row] = await tx<{ password_hash: string }[]>`select password_hash from users where id = ${userId}`;
    if (!row || !(await verifyPassword(input.password, row.password_hash))) {
      throw new AppError("invalid_request", "The password is wrong", [{ path: "password", message: "The password is wrong" }]);
    }
    return;
  }
  if (!(await takeTotpCode(tx, userId, input.code ?? "", { confirmed: true }))) throw wrongCode();
}
