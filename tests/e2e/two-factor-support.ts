import type { APIRequestContext } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { apiAs } from "./support";

// Two-factor for other specs: set up an authenticator app for a signed-in browser context through
// the API, and compute its codes as a phone would.

const totp = (secret: string) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/** The code an authenticator app shows `offsetSteps` 30-second steps from now. */
export const totpCode = (secret: string, offsetSteps = 0) => totp(secret).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

/**
 * A code the server has not taken yet: each code counts once, so after setting up (which used the
 * current one) a sign-in sends the next step's, which the window still accepts.
 */
export const nextTotpCode = (secret: string) => totpCode(secret, 1);

/** Sets up and turns on an authenticator app for the context's signed-in person; answers its secret and recovery codes. */
export async function enrolTotp(request: APIRequestContext, baseURL: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const api = apiAs(request, baseURL);
  const { enrolment } = await api<{ enrolment: { secret: string } }>("POST", "/api/me/two-factor/totp");
  const { recoveryCodes } = await api<{ recoveryCodes: string[] }>("POST", "/api/me/two-factor/totp/confirm", { code: totpCode(enrolment.secret) });
  return { secret: enrolment.secret, recoveryCodes };
}
