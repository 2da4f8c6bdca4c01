import * as tf from "@/lib/schemas/two-factor";
import type { RouteSpec } from "./routes";

const PENDING = "needs the pending sign-in's cookie (ocf_2fa, five minutes, one use) that log-in sets for a person with two-factor";

/** Two-factor sign-in, authenticator apps, recovery codes, passkeys, and a team's requirement. */
export const TWO_FACTOR_ROUTES: RouteSpec[] = [
  { method: "POST", path: "/api/auth/two-factor", tag: "auth", access: "public", status: 200, summary: `Finish signing in with a 6-digit code from your app (each code once) or a recovery code (each once); ${PENDING}`, body: tf.TwoFactorCodeInput, response: tf.SignedInResponse },
  { method: "POST", path: "/api/auth/two-factor/passkey/options", tag: "auth", access: "public", status: 200, summary: `WebAuthn options (a one-time challenge, five minutes) for a passkey of the person signing in; ${PENDING}`, response: tf.WebAuthnOptionsResponse },
  { method: "POST", path: "/api/auth/two-factor/passkey", tag: "auth", access: "public", status: 200, summary: `Finish signing in with a passkey (origin, RP ID, challenge and signature counter checked); ${PENDING}`, body: tf.PasskeyAssertionInput, response: tf.SignedInResponse },
  { method: "POST", path: "/api/auth/passkey/options", tag: "auth", access: "public", status: 200, summary: "WebAuthn options (a one-time challenge, five minutes) for signing in with a passkey alone", response: tf.WebAuthnOptionsResponse },
  { method: "POST", path: "/api/auth/passkey", tag: "auth", access: "public", status: 200, summary: "Sign in with a discoverable passkey that verified you (PIN or biometrics), no password; opens a session", body: tf.PasskeyAssertionInput, response: tf.SignedInResponse },
  { method: "GET", path: "/api/me/two-factor", tag: "account", access: "user", status: 200, summary: "Your second factors, recovery codes left, and your teams that require two-factor (signed-in sessions only)", response: tf.TwoFactorStatusResponse },
  { method: "POST", path: "/api/me/two-factor/totp", tag: "account", access: "user", status: 201, summary: "Start setting up an authenticator app: a new secret (stored encrypted), its otpauth URL and QR code; off until confirmed", response: tf.TotpEnrolmentResponse },
  { method: "POST", path: "/api/me/two-factor/totp/confirm", tag: "account", access: "user", status: 200, summary: "Turn the authenticator app on with a code from it; answers ten recovery codes, shown once", body: tf.TotpConfirmInput, response: tf.RecoveryCodesResponse },
  { method: "POST", path: "/api/me/two-factor/totp/disable", tag: "account", access: "user", status: 200, summary: "Turn the authenticator app off (your password or a current code); with no passkey left, the recovery codes go too", body: tf.StepUpInput, response: tf.TwoFactorStatusResponse },
  { method: "POST", path: "/api/me/two-factor/recovery-codes", tag: "account", access: "user", status: 200, summary: "Ten new recovery codes in place of the old ones (your password or a current code); shown once", body: tf.StepUpInput, response: tf.RecoveryCodesResponse },
  { method: "GET", path: "/api/me/passkeys", tag: "account", access: "user", status: 200, summary: "Your passkeys", response: tf.PasskeyListResponse },
  { method: "POST", path: "/api/me/passkeys/options", tag: "account", access: "user", status: 200, summary: "WebAuthn options (a one-time challenge, five minutes) for registering a discoverable passkey", response: tf.WebAuthnOptionsResponse },
  { method: "POST", path: "/api/me/passkeys", tag: "account", access: "user", status: 201, summary: "Register a passkey (attestation none; origin, RP ID and challenge checked); the first second factor comes with recovery codes", body: tf.PasskeyRegisterInput, response: tf.PasskeyCreateResponse },
  { method: "PATCH", path: "/api/me/passkeys/{id}", tag: "account", access: "user", status: 200, summary: "Rename one of your passkeys", body: tf.PasskeyRenameInput, response: tf.PasskeyResponse },
  { method: "DELETE", path: "/api/me/passkeys/{id}", tag: "account", access: "user", status: 204, summary: "Remove one of your passkeys" },
  { method: "GET", path: "/api/teams/{id}/two-factor", tag: "teams", access: "user", status: 200, summary: "Whether the team requires two-factor of every member", response: tf.TeamTwoFactorResponse },
  { method: "PUT", path: "/api/teams/{id}/two-factor", tag: "teams", access: "user", status: 200, summary: "Require two-factor of every member, or stop (owner, who must have it; audited). Members without it get 403 two_factor_required on API calls with their session cookie, and pages lead them to set it up; API tokens are not affected", body: tf.TeamTwoFactorInput, response: tf.TeamTwoFactorResponse },
];
