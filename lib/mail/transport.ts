import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type Mail = { to: string; subject: string; text: string; html: string };

/** Whether this server sends mail (SMTP_URL and SMTP_FROM set); without it links are shown to copy. */
export const mailConfigured = (): boolean => Boolean(env().SMTP_URL && env().SMTP_FROM);

const cached: { url?: string; transporter?: Transporter } = {};

function transporter(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  if (cached.url !== url || !cached.transporter) {
    cached.transporter?.close();
    cached.transporter = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    cached.url = url;
  }
  return cached.transporter;
}

/**
 * Sends one mail from SMTP_FROM. The recipient is a validated address and the subject is one line
 * (see templates.ts); nodemailer encodes every header itself, so no value can start a new header.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const from = env().SMTP_FROM;
  if (!from) throw new Error("SMTP_FROM is not set");
  await transporter().sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, disableFileAccess: true, disableUrlAccess: true });
}
