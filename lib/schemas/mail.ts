import { z } from "zod";
import { Email } from "./common";

export const ForgotPasswordInput = z.strictObject({ email: Email });
export const ForgotPasswordResponse = z.object({ message: z.string().describe("The same for every address, with or without an account") });

export const EmailChangeInput = z.strictObject({ email: Email.describe("The new address"), currentPassword: z.string().min(1, { message: "Required" }).max(200) });
export const EmailChangeResponse = z.object({
  emailChange: z
    .object({
      email: z.string(),
      expiresAt: z.string(),
      mailed: z.boolean().describe("Whether a confirmation mail went to the new address (SMTP configured)"),
      url: z.string().nullable().describe("Without SMTP: the confirmation link to open (shown once; the secret is in the fragment)"),
    })
    .meta({ id: "EmailChange" }),
});
export const EmailConfirmInput = z.strictObject({ token: z.string().min(1).max(200) });
export const EmailConfirmResponse = z.object({ email: z.string() });

export type ForgotPasswordInput = z.infer<typeof ForgotPasswordInput>;
export type EmailChangeInput = z.infer<typeof EmailChangeInput>;
export type EmailChange = z.infer<typeof EmailChangeResponse>["emailChange"];
