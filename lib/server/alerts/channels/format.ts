import { createHmac } from "node:crypto";
import type { AlertNotification, ChannelConfig, ChannelType, OutboundRequest } from "./types";

const SHOWN = 10;
const COLORS = { critical: 0xdc2626, warning: 0xf59e0b, info: 0x3b82f6, resolved: 0x16a34a } as const;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const base = (n: AlertNotification) => ({ "Content-Type": "application/json", "User-Agent": "OpenClawFleet-Alerts/1", "Idempotency-Key": n.idempotencyKey });
const heading = (n: AlertNotification) => (n.action === "resolve" ? `✅ Resolved: ${n.title}` : `🚨 ${n.title}`);

function agentLines(n: AlertNotification): string {
  const lines = n.agents.slice(0, SHOWN).map((a) => `• *${a.name}* (${a.region || "no region"}): ${a.detail}`);
  if (n.agents.length > SHOWN) lines.push(`…and ${n.agents.length - SHOWN} more`);
  return lines.join("\n");
}

/** Slack incoming webhook: `text` as the fallback, blocks for the layout (well under Slack's limits). */
function slack(n: AlertNotification) {
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: clip(heading(n), 150), emoji: true } },
    ...(n.agents.length ? [{ type: "section", text: { type: "mrkdwn", text: clip(agentLines(n), 3000) } }] : [{ type: "section", text: { type: "mrkdwn", text: clip(n.summary, 3000) } }]),
    { type: "context", elements: [{ type: "mrkdwn", text: `*${n.severity}* · ${n.ruleName} · ${n.at}` }] },
  ];
  if (n.url) blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in OpenClaw Fleet" }, url: n.url }] });
  return { text: clip(`${heading(n)}: ${n.summary}`, 3000), blocks };
}

/** Discord webhook: one embed, coloured by severity (green on resolve); mentions disabled. */
function discord(n: AlertNotification) {
  return {
    content: clip(heading(n), 2000),
    allowed_mentions: { parse: [] },
    embeds: [{
      title: clip(n.title, 256),
      description: clip(n.agents.length ? agentLines(n).replaceAll("*", "**") : n.summary, 4096),
      color: n.action === "resolve" ? COLORS.resolved : COLORS[n.severity],
      fields: [{ name: "Severity", value: n.severity, inline: true }, { name: "Rule", value: clip(n.ruleName || "—", 1024), inline: true }],
      timestamp: n.at,
      ...(n.url ? { url: n.url } : {}),
    }],
  };
}

/** PagerDuty Events API v2: trigger with a payload, resolve with only the dedup key. */
function pagerduty(n: AlertNotification, routingKey: string) {
  if (n.action === "resolve") return { routing_key: routingKey, event_action: "resolve", dedup_key: n.dedupKey };
  return {
    routing_key: routingKey,
    event_action: "trigger",
    dedup_key: n.dedupKey,
    payload: {
      summary: clip(`${n.title}: ${n.summary}`, 1024), source: "openclaw-fleet", severity: n.severity, timestamp: n.at,
      component: n.agents.length === 1 ? n.agents[0]?.name : undefined, group: n.ruleName, class: "agent-health",
      custom_details: { agents: n.agents.slice(0, 50) },
    },
    ...(n.url ? { links: [{ href: n.url, text: "Open in OpenClaw Fleet" }] } : {}),
  };
}

/** Signed generic webhook: HMAC-SHA256 over "<timestamp>.<body>" in X-OpenClaw-Fleet-Signature. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The HTTP request that delivers `n` through a channel of this type and config. */
export function formatRequest(type: ChannelType, config: ChannelConfig, n: AlertNotification, now = Date.now()): OutboundRequest {
  switch (type) {
    case "slack":
      return { url: config.url ?? "", body: JSON.stringify(slack(n)), headers: base(n) };
    case "discord":
      return { url: config.url ?? "", body: JSON.stringify(discord(n)), headers: base(n) };
    case "pagerduty":
      return { url: process.env.PAGERDUTY_EVENTS_URL ?? "https://events.pagerduty.com/v2/enqueue", body: JSON.stringify(pagerduty(n, config.routingKey ?? "")), headers: base(n) };
    case "webhook": {
      const body = JSON.stringify({
        type: `alert.${n.action}`, idempotencyKey: n.idempotencyKey, dedupKey: n.dedupKey, severity: n.severity, rule: n.ruleName,
        title: n.title, summary: n.summary, agents: n.agents, url: n.url, at: n.at,
      });
      const timestamp = Math.floor(now / 1000);
      return { url: config.url ?? "", body, headers: { ...base(n), "X-OpenClaw-Fleet-Timestamp": String(timestamp), "X-OpenClaw-Fleet-Signature": signWebhook(config.secret ?? "", timestamp, body) } };
    }
  }
}
