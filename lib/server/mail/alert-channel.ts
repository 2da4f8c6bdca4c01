import type { ChannelType } from "@/lib/schemas/alerts";
import { alertMail } from "@/lib/mail/templates";
import { mailConfigured, sendMail } from "@/lib/mail/transport";
import { deliver, type DeliveryResult } from "../alerts/channels/deliver";
import { formatRequest } from "../alerts/channels/format";
import type { AlertNotification, ChannelConfig } from "../alerts/channels/types";

/** One mail per address (recipients never see each other); the first failure is the attempt's answer, and a retry sends again. */
async function mailAlert(addresses: string[], n: AlertNotification): Promise<DeliveryResult> {
  if (!mailConfigured()) return { ok: false, status: null, error: "e-mail is not configured on this server (SMTP_URL)" };
  for (const to of addresses) {
    try {
      await sendMail(alertMail(to, n));
    } catch (e) {
      return { ok: false, status: null, error: `SMTP: ${(e instanceof Error ? e.message : String(e)).slice(0, 300)}` };
    }
  }
  return { ok: true, status: null };
}

/** Delivers a notification through any kind of channel: e-mail through SMTP, the others by one HTTP request. Never throws. */
export async function deliverToChannel(type: ChannelType, config: ChannelConfig, n: AlertNotification): Promise<DeliveryResult> {
  try {
    if (type === "email") return await mailAlert(config.addresses ?? [], n);
    return await deliver(formatRequest(type, config, n));
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}
