import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRequest } from "@/lib/server/alerts/channels/format";
import type { AlertNotification, HttpChannelType as ChannelType } from "@/lib/server/alerts/channels/types";
import { verifyWebhookSignature } from "@/lib/server/alerts/channels/verify";

const agents = (count: number, name = (i: number) => `node-${i}`) =>
  Array.from({ length: count }, (_, i) => ({ id: `id-${i}`, name: name(i), status: "offline", region: "eu-west", detail: "No heartbeat for 10 minutes" }));
const n = (over: Partial<AlertNotification> = {}): AlertNotification => ({
  idempotencyKey: "grp-1:trigger:ch-1", action: "trigger", dedupKey: "ocf-rule1-grp1", severity: "critical", ruleName: "Agents offline",
  title: "12 agents offline in Production", summary: "node-0, node-1 and 10 more stopped sending heartbeats", agents: agents(12),
  url: "https://fleet.example.com/dashboard/alerts/a1", at: "2026-11-25T07:00:00.000Z", ...over,
});
const CONFIGS = { slack: { url: "https://hooks.slack.com/services/T/B/x" }, discord: { url: "https://discord.com/api/webhooks/1/x" }, pagerduty: { routingKey: "R0UTINGKEY0123456789abcd" }, webhook: { url: "https://example.com/hook", secret: "0123456789abcdef" } };
const json = <T>(type: ChannelType, over: Partial<AlertNotification> = {}) => JSON.parse(formatRequest(type, CONFIGS[type], n(over)).body) as T;

type SlackBlock = { type: string; text?: { type: string; text: string }; elements?: { type: string; text?: string | { text: string }; url?: string }[] };
type DiscordEmbed = { title: string; description: string; color: number; url?: string; timestamp: string; fields: { name: string; value: string }[] };
type Discord = { content: string; allowed_mentions: { parse: string[] }; embeds: DiscordEmbed[] };

describe("every channel", () => {
  it.each(["slack", "discord", "pagerduty", "webhook"] as const)("%s: JSON with the user agent and the idempotency key", (type) => {
    const req = formatRequest(type, CONFIGS[type], n());
    expect(req.headers).toMatchObject({ "Content-Type": "application/json", "User-Agent": "OpenClawFleet-Alerts/1", "Idempotency-Key": "grp-1:trigger:ch-1" });
    expect(() => JSON.parse(req.body)).not.toThrow();
  });
});

describe("Slack incoming webhook", () => {
  it("has fallback text, a header, the agents, severity and time, and a button to the alert", () => {
    const body = json<{ text: string; blocks: SlackBlock[] }>("slack");
    expect(body.text).toContain("12 agents offline in Production");
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "context", "actions"]);
    expect(body.blocks[0]?.text).toMatchObject({ type: "plain_text", text: "🚨 12 agents offline in Production" });
    const list = body.blocks[1]?.text?.text ?? "";
    expect(list.split("\n")).toHaveLength(11);
    expect(list).toContain("node-9");
    expect(list).not.toContain("node-10");
    expect(list.endsWith("…and 2 more")).toBe(true);
    expect(JSON.stringify(body.blocks[2])).toContain("critical");
    expect(JSON.stringify(body.blocks[2])).toContain("2026-11-25T07:00:00.000Z");
    expect(body.blocks[3]?.elements?.[0]).toMatchObject({ type: "button", url: "https://fleet.example.com/dashboard/alerts/a1" });
  });

  it("keeps Slack's limits with huge agent lists and says resolved on resolve", () => {
    const huge = json<{ text: string; blocks: SlackBlock[] }>("slack", { agents: agents(5000, (i) => `${"x".repeat(500)}-${i}`), title: "t".repeat(400) });
    expect(huge.blocks.length).toBeLessThanOrEqual(50);
    expect(huge.blocks[0]?.text?.text.length).toBeLessThanOrEqual(150);
    for (const b of huge.blocks) if (b.type === "section") expect(b.text?.text.length).toBeLessThanOrEqual(3000);
    expect(huge.blocks[1]?.text?.text).toMatch(/…and \d+ more$/);
    const resolved = json<{ text: string; blocks: SlackBlock[] }>("slack", { action: "resolve" });
    expect(resolved.text).toMatch(/^✅ Resolved: 12 agents offline/);
    expect(resolved.blocks[0]?.text?.text).toMatch(/^✅ Resolved/);
  });

  it("escapes agent names so they cannot mention or link", () => {
    const body = formatRequest("slack", CONFIGS.slack, n({ agents: agents(1, () => "<!channel> & <https://evil.example|click>") })).body;
    expect(body).not.toContain("<!channel>");
    expect(body).toContain("&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;");
  });
});

describe("Discord webhook", () => {
  it("sends one embed within Discord's limits, mentions disabled, linked to the alert", () => {
    const body = json<Discord>("discord", { agents: agents(300, (i) => `${"y".repeat(300)}-${i}`), title: "T".repeat(400) });
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content.length).toBeLessThanOrEqual(2000);
    const [embed] = body.embeds;
    expect(body.embeds).toHaveLength(1);
    expect(embed?.title.length).toBeLessThanOrEqual(256);
    expect(embed?.description.length).toBeLessThanOrEqual(4096);
    expect(embed?.description).toMatch(/…and \d+ more$/);
    expect(embed?.fields.length).toBeLessThanOrEqual(25);
    for (const f of embed?.fields ?? []) expect(f.name.length <= 256 && f.value.length <= 1024 && f.value.length > 0).toBe(true);
    const total = (embed?.title.length ?? 0) + (embed?.description.length ?? 0) + (embed?.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(embed).toMatchObject({ timestamp: "2026-11-25T07:00:00.000Z", url: "https://fleet.example.com/dashboard/alerts/a1" });
  });

  it("colours red, amber and blue by severity and green on resolve (integers)", () => {
    const colour = (over: Partial<AlertNotification>) => json<Discord>("discord", over).embeds[0]?.color;
    expect(colour({ severity: "critical" })).toBe(0xdc2626);
    expect(colour({ severity: "warning" })).toBe(0xf59e0b);
    expect(colour({ severity: "info" })).toBe(0x3b82f6);
    expect(colour({ action: "resolve" })).toBe(0x16a34a);
    expect(json<Discord>("discord", { action: "resolve" }).content).toMatch(/^✅ Resolved/);
  });

  it("escapes markdown in agent names so they cannot ping or mask links", () => {
    const body = json<Discord>("discord", { agents: agents(1, () => "@everyone [free](https://evil.example)") });
    expect(body.embeds[0]?.description).toContain("\\@everyone \\[free\\](https://evil.example)");
  });
});

describe("PagerDuty Events API v2", () => {
  afterEach(() => vi.unstubAllEnvs());
  type Trigger = { routing_key: string; event_action: string; dedup_key: string; payload: Record<string, unknown>; links: { href: string; text: string }[] };

  it("triggers with the documented payload to the enqueue endpoint", () => {
    const req = formatRequest("pagerduty", CONFIGS.pagerduty, n({ title: "z".repeat(2000) }));
    expect(req.url).toBe("https://events.pagerduty.com/v2/enqueue");
    const t = JSON.parse(req.body) as Trigger;
    expect(t).toMatchObject({ routing_key: "R0UTINGKEY0123456789abcd", event_action: "trigger", dedup_key: "ocf-rule1-grp1" });
    expect(Object.keys(t.payload)).toEqual(expect.arrayContaining(["summary", "source", "severity", "timestamp", "component", "group", "class", "custom_details"]));
    expect(String(t.payload.summary).length).toBeLessThanOrEqual(1024);
    expect(t.payload).toMatchObject({ source: "openclaw-fleet", timestamp: "2026-11-25T07:00:00.000Z", group: "eu-west" });
    expect(t.links).toEqual([{ href: "https://fleet.example.com/dashboard/alerts/a1", text: expect.any(String) }]);
  });

  it.each(["critical", "warning", "info"] as const)("maps severity %s into PagerDuty's enum", (severity) => {
    expect(["critical", "error", "warning", "info"]).toContain(json<Trigger>("pagerduty", { severity }).payload.severity);
  });

  it("resolves with only routing_key, event_action and dedup_key, and honours PAGERDUTY_EVENTS_URL", () => {
    expect(json("pagerduty", { action: "resolve" })).toEqual({ routing_key: "R0UTINGKEY0123456789abcd", event_action: "resolve", dedup_key: "ocf-rule1-grp1" });
    vi.stubEnv("PAGERDUTY_EVENTS_URL", "http://127.0.0.1:4000/v2/enqueue");
    expect(formatRequest("pagerduty", CONFIGS.pagerduty, n()).url).toBe("http://127.0.0.1:4000/v2/enqueue");
  });
});

describe("signed webhook", () => {
  const now = 1_790_000_000_000;
  const signed = (over: Partial<AlertNotification> = {}) => {
    const req = formatRequest("webhook", CONFIGS.webhook, n(over), now);
    return { req, timestamp: req.headers["X-OpenClaw-Fleet-Timestamp"] ?? "", signature: req.headers["X-OpenClaw-Fleet-Signature"] ?? "" };
  };

  it("carries the documented body and headers", () => {
    const { req, timestamp, signature } = signed({ action: "resolve" });
    expect(JSON.parse(req.body)).toEqual({ type: "alert.resolve", idempotencyKey: "grp-1:trigger:ch-1", dedupKey: "ocf-rule1-grp1", severity: "critical", rule: "Agents offline", title: n().title, summary: n().summary, agents: n().agents, url: n().url, at: n().at });
    expect(timestamp).toBe("1790000000");
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(JSON.parse(signed().req.body).type).toBe("alert.trigger");
  });

  it("verifies, and fails when the body, timestamp or secret changes, or the timestamp is stale", () => {
    const { req, timestamp, signature } = signed();
    const check = { secret: "0123456789abcdef", timestamp, body: req.body, signature, now };
    expect(verifyWebhookSignature(check)).toBe(true);
    expect(verifyWebhookSignature({ ...check, now: now + 299_000 })).toBe(true);
    expect(verifyWebhookSignature({ ...check, body: req.body.replace("critical", "info") })).toBe(false);
    expect(verifyWebhookSignature({ ...check, timestamp: String(Number(timestamp) + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...check, secret: "0123456789abcdeX" })).toBe(false);
    expect(verifyWebhookSignature({ ...check, signature: signature.slice(0, -1) })).toBe(false);
    expect(verifyWebhookSignature({ ...check, now: now + 301_000 })).toBe(false);
    expect(verifyWebhookSignature({ ...check, now: now - 301_000 })).toBe(false);
    expect(verifyWebhookSignature({ ...check, now: now + 60_000, toleranceS: 30 })).toBe(false);
    expect(verifyWebhookSignature({ ...check, timestamp: "1.79e9" })).toBe(false);
  });

  it("refuses to send without a signing secret", () => {
    expect(() => formatRequest("webhook", { url: "https://example.com/hook" }, n())).toThrow(/signing secret/);
  });
});
