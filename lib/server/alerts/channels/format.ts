import { createHmac } from "node:crypto";
import type { AlertNotification, ChannelConfig, HttpChannelType, OutboundRequest } from "./types";

// PagerDuty's Events API v2; the PAGERDUTY_EVENTS_URL setting points it elsewhere (a stand-in in tests).
const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
const SHOWN = 10;
const COLORS = { critical: 0xdc2626, warning: 0xf59e0b, info: 0x3b82f6, resolved: 0x16a34a } as const;
const LINK_TEXT = "Open in OpenClaw Fleet";
type Agent = AlertNotification["agents"][number];

/** Cuts to n characters with an ellipsis, never splitting a surrogate pair. */
function clip(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = /[\uD800-\uDBFF]/.test(s.charAt(n - 2)) ? n - 2 : n - 1;
  return `${s.slice(0, cut)}…`;
}
// Agent names and details come from hosts: they must not format, link or mention anything.
const slackText = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const discordText = (s: string) => s.replace(/[\\*_~`|[\]<>@#]/g, "\\$&");
const heading = (n: AlertNotification) => (n.action === "resolve" ? `✅ Resolved: ${n.title}` : `🚨 ${n.title}`);
const linkable = (url: string) => /^https?:\/\//i.test(url) && url.length <= 2000;
const headers = (n: AlertNotification) => ({ "Content-Type": "application/json", "User-Agent": "OpenClawFleet-Alerts/1", "Idempotency-Key": n.idempotencyKey });

/** Up to ten agents, one line each, then "…and N more"; always within `limit` characters. */
function agentList(agents: Agent[], line: (a: Agent) => string, limit: number): string {
  const lines: string[] = [];
  let used = 0;
  for (const a of agents.slice(0, SHOWN)) {
    const text = line(a);
    if (used + text.length + 1 + `…and ${agents.length} more`.length > limit) break;
    lines.push(text);
    used += text.length + 1;
  }
  if (agents.length > lines.length) lines.push(`…and ${agents.length - lines.length} more`);
  return lines.join("\n");
}
const plain = (a: Agent) => ({ name: clip(a.name, 80), region: clip(a.region || "no region", 40), detail: clip(a.detail, 200) });

/** Slack incoming webhook: `text` as the fallback, a header, the agents, the context and a button. */
function slack(n: AlertNotification) {
  const list = agentList(n.agents, (a) => {
    const p = plain(a);
    return `• *${slackText(p.name)}* (${slackText(p.region)}): ${slackText(p.detail)}`;
  }, 3000);
  const unix = Math.floor(Date.parse(n.at) / 1000);
  const when = Number.isFinite(unix) ? `<!date^${unix}^{date_short_pretty} {time}|${new Date(unix * 1000).toISOString()}>` : slackText(n.at);
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: clip(heading(n), 150), emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: list || clip(slackText(n.summary), 3000) } },
    { type: "context", elements: [{ type: "mrkdwn", text: `*${n.severity}* · ${slackText(clip(n.ruleName, 200))} · ${when}` }] },
  ];
  if (linkable(n.url)) blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: LINK_TEXT }, url: n.url }] });
  return { text: clip(slackText(`${heading(n)}: ${n.summary}`), 3000), blocks };
}

/** Discord webhook: one embed coloured by severity (green on resolve), mentions disabled. */
function discord(n: AlertNotification) {
  const list = agentList(n.agents, (a) => {
    const p = plain(a);
    return `• **${discordText(p.name)}** (${discordText(p.region)}): ${discordText(p.detail)}`;
  }, 3000);
  const summary = clip(discordText(n.summary), 1000);
  return {
    content: clip(discordText(heading(n)), 2000),
    allowed_mentions: { parse: [] },
    embeds: [{
      title: clip(n.title, 256),
      description: list ? `${summary}\n\n${list}` : summary,
      color: n.action === "resolve" ? COLORS.resolved : COLORS[n.severity],
      fields: [
        { name: "Severity", value: n.severity, inline: true },
        { name: "Rule", value: clip(discordText(n.ruleName || "—"), 256), inline: true },
        { name: "Agents", value: String(n.agents.length), inline: true },
      ],
      timestamp: n.at,
      ...(linkable(n.url) ? { url: n.url } : {}),
    }],
  };
}

/** PagerDuty Events API v2: a trigger with its payload; a resolve is only the routing and dedup keys. */
function pagerduty(n: AlertNotification, routingKey: string) {
  if (n.action === "resolve") return { routing_key: routingKey, event_action: "resolve", dedup_key: n.dedupKey };
  const regions = [...new Set(n.agents.map((a) => a.region).filter(Boolean))];
  return {
    routing_key: routingKey,
    event_action: "trigger",
    dedup_key: n.dedupKey,
    payload: {
      summary: clip(`${n.title}: ${n.summary}`, 1024),
      source: "openclaw-fleet",
      severity: n.severity,
      timestamp: n.at,
      component: n.agents.length === 1 ? n.agents[0]?.name : "openclaw-agents",
      group: regions.length === 1 ? regions[0] : undefined,
      class: n.ruleName,
      custom_details: { rule: n.ruleName, summary: n.summary, agentCount: n.agents.length, agents: n.agents.slice(0, 50) },
    },
    ...(linkable(n.url) ? { client: "OpenClaw Fleet", client_url: n.url, links: [{ href: n.url, text: LINK_TEXT }] } : {}),
  };
}

// Receivers check this HMAC-SHA256 over "<timestamp>.<body>" (see verify.ts), so it is defined once.
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

// The one HTTP request that delivers `n` through a channel; `now` fixes the webhook timestamp in tests.
export function formatRequest(type: HttpChannelType, config: ChannelConfig, n: AlertNotification, now = Date.now()): OutboundRequest {
  switch (type) {
    case "slack":
      return { url: config.url ?? "", body: JSON.stringify(slack(n)), headers: headers(n) };
    case "discord":
      return { url: config.url ?? "", body: JSON.stringify(discord(n)), headers: headers(n) };
    case "pagerduty":
      return { url: process.env.PAGERDUTY_EVENTS_URL || PAGERDUTY_EVENTS_URL, body: JSON.stringify(pagerduty(n, config.routingKey ?? "")), headers: headers(n) };
    case "webhook": {
      // Unsigned (or signed with an empty key) would be forgeable: refuse rather than send it.
      if (!config.secret) throw new Error("webhook channel has no signing secret");
      const body = JSON.stringify({
        type: `alert.${n.action}`, idempotencyKey: n.idempotencyKey, dedupKey: n.dedupKey, severity: n.severity, rule: n.ruleName,
        title: n.title, summary: n.summary, agents: n.agents, url: n.url, at: n.at,
      });
      const timestamp = Math.floor(now / 1000);
      const signature = signWebhook(config.secret, timestamp, body);
      return { url: config.url ?? "", body, headers: { ...headers(n), "X-OpenClaw-Fleet-Timestamp": String(timestamp), "X-OpenClaw-Fleet-Signature": signature } };
    }
  }
}
