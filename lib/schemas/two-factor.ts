import { z } from "zod";
import { Id, label } from "./common";
import { User } from "./auth";

const Base64Url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, { message: "Must be base64url" });

/** A code from an authenticator app (6 digits) or one of the recovery codes (16 letters and digits, dashes optional). */
export const SecondFactorCode = z
  .string()
  .trim()
  .regex(/^(\d{6}|[A-Za-z0-9]{4}(-?[A-Za-z0-9]{4}){3})$/, { message: "Enter the 6-digit code from your app or a recovery code" });
export const TotpCode = z.string().trim().regex(/^\d{6}$/, { message: "Enter the 6-digit code from your app" });

export const TwoFactorCodeInput = z.strictObject({ code: SecondFactorCode });
export const TotpConfirmInput = z.strictObject({ code: TotpCode });
/** Proof it is really you, for turning a factor off or making new recovery codes: the password or a current app code. */
export const StepUpInput = z
  .strictObject({ password: z.string().min(1).max(200).optional(), code: TotpCode.optional() })
  .refine((v) => Boolean(v.password) !== Boolean(v.code), { message: "Send your password or a code from your app", path: ["password"] });

// What a browser's navigator.credentials answers (as @simplewebauthn/browser encodes it); the
// library checks every part of it, so only its outline and sizes are fixed here.
const CredentialOutline = {
  id: Base64Url(1400),
  rawId: Base64Url(1400),
  type: z.literal("public-key"),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};
export const RegistrationCredential = z.looseObject({
  ...CredentialOutline,
  response: z.looseObject({
    clientDataJSON: Base64Url(4000),
    attestationObject: Base64Url(16000),
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
});
export const AuthenticationCredential = z.looseObject({
  ...CredentialOutline,
  response: z.looseObject({
    clientDataJSON: Base64Url(4000),
    authenticatorData: Base64Url(4000),
    signature: Base64Url(1000),
    userHandle: Base64Url(200).optional(),
  }),
});
export const PasskeyRegisterInput = z.strictObject({ response: RegistrationCredential, name: label(100).optional() });
export const PasskeyAssertionInput = z.strictObject({ response: AuthenticationCredential });
export const PasskeyRenameInput = z.strictObject({ name: label(100) });
export const TeamTwoFactorInput = z.strictObject({ required: z.boolean() });

export const TwoFactorStatus = z
  .object({
    enabled: z.boolean().describe("An authenticator app or a passkey is set up: signing in with a password asks for it"),
    totp: z.boolean(),
    passkeys: z.number().int(),
    recoveryCodesLeft: z.number().int(),
    requiredBy: z.array(z.object({ id: Id, name: z.string() })).describe("Your teams that require two-factor"),
  })
  .meta({ id: "TwoFactorStatus" });
export const TwoFactorStatusResponse = z.object({ twoFactor: TwoFactorStatus });
export const TotpEnrolmentResponse = z.object({
  enrolment: z.object({
    secret: z.string().describe("Base32, to type into an app that cannot scan"),
    otpauthUrl: z.string(),
    qrCode: z.string().describe("The otpauth URL as an SVG QR code, in a data: URL"),
  }),
});
export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()).describe("Shown once; each works once") });
export const Passkey = z
  .object({ id: Id, name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), backedUp: z.boolean().describe("Synced by a password manager or platform") })
  .meta({ id: "Passkey" });
export const PasskeyListResponse = z.object({ passkeys: z.array(Passkey), nextCursor: z.string().nullable() });
export const PasskeyResponse = z.object({ passkey: Passkey });
export const PasskeyCreateResponse = z.object({ passkey: Passkey, recoveryCodes: z.array(z.string()).optional().describe("With the first second factor: recovery codes, shown once") });
export const WebAuthnOptionsResponse = z.object({ options: z.looseObject({ challenge: z.string() }).describe("PublicKeyCredential options for navigator.credentials, as JSON") });
export const SignedInResponse = z.object({ user: User });
export const TwoFactorPendingResponse = z.object({ twoFactorRequired: z.literal(true).describe("Send a second factor to POST /api/auth/two-factor (or .../passkey) within five minutes") });
export const TeamTwoFactorResponse = z.object({ requireTwoFactor: z.boolean() });

export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;
export type Passkey = z.infer<typeof Passkey>;
export type StepUpInput = z.infer<typeof StepUpInput>;
