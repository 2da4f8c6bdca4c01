import { z } from "zod";
import { Id, label } from "./common";
import { Password, User } from "./auth";

export const ProfileUpdateInput = z.strictObject({ name: label(100) });
export const ProfileResponse = z.object({ user: User });

export const PasswordChangeInput = z.strictObject({
  currentPassword: z.string().min(1, { message: "Required" }).max(200),
  newPassword: Password,
});
export const PasswordChangeResponse = z.object({ endedSessions: z.number().int().describe("Other sessions of yours that were ended") });

export const AccountSession = z
  .object({
    id: Id,
    device: z.string().describe("Browser and system, read from the user agent"),
    userAgent: z.string(),
    ip: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string().describe("Moves when the session's expiry slides, at most once an hour"),
    expiresAt: z.string(),
    current: z.boolean().describe("The session this request came with"),
  })
  .meta({ id: "AccountSession" });
export const SessionListResponse = z.object({ sessions: z.array(AccountSession), nextCursor: z.string().nullable() });
export const SessionsEndResponse = z.object({ endedSessions: z.number().int() });

export const ResetLink = z
  .object({ url: z.string().describe("Shown once; the secret is in the fragment"), expiresAt: z.string() })
  .meta({ id: "ResetLink" });
export const ResetLinkResponse = z.object({ resetLink: ResetLink });
export const PasswordResetInput = z.strictObject({ token: z.string().min(1).max(200), password: Password });
export const PasswordResetResponse = z.object({ ok: z.literal(true) });

export type AccountSession = z.infer<typeof AccountSession>;
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;
export type PasswordResetInput = z.infer<typeof PasswordResetInput>;
export type ResetLink = z.infer<typeof ResetLink>;
