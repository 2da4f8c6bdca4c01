import { AppError } from "@/lib/api/errors";
import { mailConfigured } from "@/lib/mail/transport";

export const MAIL_CHANNEL_UNAVAILABLE = "E-mail is not configured on this server: the operator sets SMTP_URL and SMTP_FROM to send alerts by e-mail";

/** An e-mail channel is refused where no mail can go out, rather than accepted and failing every alert. */
export function assertMailForChannel(): void {
  if (!mailConfigured()) throw new AppError("invalid_request", MAIL_CHANNEL_UNAVAILABLE, [{ path: "type", message: MAIL_CHANNEL_UNAVAILABLE }]);
}
