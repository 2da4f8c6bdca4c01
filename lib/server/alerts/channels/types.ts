import type { ChannelType } from "@/lib/schemas/alerts";

export type { ChannelType };
export type ChannelConfig = { url?: string; routingKey?: string; secret?: string };

/** One notification as every channel format reads it; `dedupKey` ties a trigger to its resolve. */
export type AlertNotification = {
  idempotencyKey: string;
  action: "trigger" | "resolve";
  dedupKey: string;
  severity: "critical" | "warning" | "info";
  ruleName: string;
  title: string;
  summary: string;
  agents: { id: string; name: string; status: string; region: string; detail: string }[];
  url: string;
  at: string;
};

export type OutboundRequest = { url: string; body: string; headers: Record<string, string> };
