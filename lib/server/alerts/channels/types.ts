import type { ChannelType } from "@/lib/schemas/alerts";

// The four kinds of channel: "slack" | "discord" | "pagerduty" | "webhook" (defined with their schemas).
export type { ChannelType };

// Each channel's decrypted config, as its schema in lib/schemas/alerts.ts validates it.
export type SlackConfig = { url: string };
export type DiscordConfig = { url: string };
export type PagerDutyConfig = { routingKey: string };
export type WebhookConfig = { url: string; secret: string };

// Any channel's config, as read back from storage (the type column says which fields are present).
export type ChannelConfig = { url?: string; routingKey?: string; secret?: string; addresses?: string[] };
// The channels delivered by one HTTP request (an e-mail channel goes out through SMTP instead).
export type HttpChannelType = Exclude<ChannelType, "email">;

// One notification as every channel format reads it; `dedupKey` ties a trigger to its resolve.
export type AlertNotification = {
  /** Stable per notification; a duplicate send carries the same key. */
  idempotencyKey: string;
  action: "trigger" | "resolve";
  /** Stable per (rule, group): PagerDuty's dedup_key. */
  dedupKey: string;
  severity: "critical" | "warning" | "info";
  ruleName: string;
  /** E.g. "3 agents offline in Production". */
  title: string;
  /** One line. */
  summary: string;
  agents: { id: string; name: string; status: string; region: string; detail: string }[];
  /** The alert in the dashboard. */
  url: string;
  /** ISO time. */
  at: string;
};

// What a channel sends: one POST, built by formatRequest and sent by deliver.
export type OutboundRequest = { url: string; body: string; headers: Record<string, string> };
