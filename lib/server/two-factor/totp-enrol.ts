import QRCode from "qrcode";
import { AppError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/context";
import { requireSignedIn } from "@/lib/auth/session-only";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import type { StepUpInput, TwoFactorStatus } from "@/lib/schemas/two-factor";
import { auditPerson } from "./audit";
import { replaceRecoveryCodes } from "./recovery-codes";
import { getTwoFactorStatus, hasSecondFactor } from "./status";
import { assertStepUp, takeTotpCode, totpAad, wrongCode } from "./step-up";
import { newTotpSecret, totpUrl } from "./totp";

/** Starts (or starts again) setting up an authenticator app: a new secret, off until a code confirms it. */
export async function startTotp(principal: Principal) {
  requireSignedIn(principal);
  const userId = principal.user.id;
  const secret = newTotpSecret();
  const sql = await db();
  const rows = await sql`
    insert into user_totp (user_id, secret_sealed) values (${userId}, ${encryptSecret(secret, totpAad(userId))})
    on conflict (user_id) do update set secret_sealed = excluded.secret_sealed, last_step = null, created_at = now()
      where user_totp.confirmed_at is null
    returning user_id`;
  if (rows.length === 0) throw new AppError("conflict", "An authenticator app is already set up; turn it off first to set up another");
  const otpauthUrl = totpUrl(secret, principal.user.email);
  const svg = await QRCode.toString(otpauthUrl, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** Turns the app on once a code from it is right; answers new recovery codes, shown once. */
export async function confirmTotp(principal: Principal, code: string): Promise<string[]> {
  requireSignedIn(principal);
  const userId = principal.user.id;
  const sql = await db();
  return sql.begin(async (tx) => {
    const [pending] = await tx`select 1 from user_totp where user_id = ${userId} and confirmed_at is null`;
    if (!pending) throw new AppError("conflict", "Start setting up an authenticator app first");
    if (!(await takeTotpCode(tx, userId, code, { confirmed: false }))) throw wrongCode();
    await tx`update user_totp set confirmed_at = now() where user_id = ${userId}`;
    const codes = await replaceRecoveryCodes(tx, userId);
    await auditPerson(tx, principal, { action: "two_factor.totp_enable" });
    return codes;
  });
}

/** Turns the app off (password or a current code required); with no passkey left, the recovery codes go too. */
export async function disableTotp(principal: Principal, input: StepUpInput): Promise<TwoFactorStatus> {
  requireSignedIn(principal);
  const userId = principal.user.id;
  const sql = await db();
  await sql.begin(async (tx) => {
    const [on] = await tx`select 1 from user_totp where user_id = ${userId} and confirmed_at is not null`;
    if (!on) throw new AppError("conflict", "No authenticator app is set up");
    await assertStepUp(tx, userId, input);
    await tx`delete from user_totp where user_id = ${userId}`;
    if (!(await hasSecondFactor(tx, userId))) await tx`delete from recovery_codes where user_id = ${userId}`;
    await auditPerson(tx, principal, { action: "two_factor.totp_disable" });
  });
  return getTwoFactorStatus(userId);
}

/** New recovery codes in place of the old ones (password or a current code required). */
export async function regenerateRecoveryCodes(principal: Principal, input: StepUpInput): Promise<string[]> {
  requireSignedIn(principal);
  const userId = principal.user.id;
  const sql = await db();
  return sql.begin(async (tx) => {
    if (!(await hasSecondFactor(tx, userId))) throw new AppError("conflict", "Set up an authenticator app or a passkey first");
    await assertStepUp(tx, userId, input);
    const codes = await replaceRecoveryCodes(tx, userId);
    await auditPerson(tx, principal, { action: "two_factor.recovery_codes_regenerate" });
    return codes;
  });
}
