import { Secret, TOTP } from "otpauth";

// RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps, a 160-bit secret.
const PERIOD_S = 30;
const DIGITS = 6;
/** Steps either side of now that still count: a phone's clock a little off, a code typed as it turned. */
export const TOTP_WINDOW = 1;
export const TOTP_CODE = /^\d{6}$/;

const totpFor = (secretBase32: string, label = "") =>
  new TOTP({ issuer: "OpenClaw Fleet", label, algorithm: "SHA1", digits: DIGITS, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) });

/** A fresh secret, in base32 as people type it into an app. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URL a QR code carries. */
export const totpUrl = (secretBase32: string, account: string): string => totpFor(secretBase32, account).toString();

/** The code for a moment (tests and the e2e helper compute codes the same way an app does). */
export const totpCode = (secretBase32: string, timestampMs = Date.now()): string => totpFor(secretBase32).generate({ timestamp: timestampMs });

/**
 * The time step a code belongs to, if it is valid within the window around `nowMs` and later than
 * `lastStep` (the last one accepted for the person): a code counts once, and never an older one.
 */
export function acceptedStep(secretBase32: string, code: string, lastStep: number | null, nowMs = Date.now()): number | null {
  if (!TOTP_CODE.test(code)) return null;
  const totp = totpFor(secretBase32);
  const delta = totp.validate({ token: code, timestamp: nowMs, window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totp.counter({ timestamp: nowMs }) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
