import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AlertNotification } from "@/lib/server/alerts/channels/types";

const key = () => randomBytes(32).toString("base64");
const n = (over: Partial<AlertNotification> = {}): AlertNotification => ({
  idempotencyKey: "g1:trigger:c1", action: "trigger", dedupKey: "ocf-abc", severity: "critical", ruleName: "Offline", title: "Offline: 12 agents offline",
  summary: "a, b", agents: Array.from({ length: 12 }, (_, i) => ({ id: `id-${i}`, name: `node-${i}`, status: "offline", region: "eu-west", detail: "Agent is offline" })),
  url: "https://fleet.example.com/dashboard/alerts", at: "2026-11-25T07:00:00.000Z", ...over,
});

async function fresh() {
  vi.resetModules();
  return { ...(await import("@/lib/crypto/secrets")), ...(await import("@/lib/server/alerts/channels/format")), ...(await import("@/lib/server/alerts/channels/verify")), ...(await import("@/lib/server/alerts/channels/deliver")) };
}

describe("secrets at rest", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("round-trips, is bound to its row, refuses tampering, and rotates to the active key", async () => {
    const [k1, k2] = [key(), key()];
    vi.stubEnv("ENCRYPTION_KEYS", `old:${k1}`);
    const m = await fresh();
    const blob = m.encryptSecret("https://hooks.slack.com/services/T/B/secret", "alert_channel:1");
    expect(blob).toMatch(/^v1\.old\./);
    expect(blob).not.toContain("secret");
    expect(m.decryptSecret(blob, "alert_channel:1")).toBe("https://hooks.slack.com/services/T/B/secret");
    expect(() => m.decryptSecret(blob, "alert_channel:2")).toThrow();
    const parts = blob.split(".");
    const body = Buffer.from(parts[3] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => m.decryptSecret([...parts.slice(0, 3), body.toString("base64url")].join("."), "alert_channel:1")).toThrow();
    expect(() => m.decryptSecret("v1.nope.x.y", "alert_channel:1")).toThrow();
    vi.stubEnv("ENCRYPTION_KEYS", `new:${k2},old:${k1}`);
    const m2 = await fresh();
    expect(m2.needsRotation(blob)).toBe(true);
    const rotated = m2.rotateSecret(blob, "alert_channel:1");
    expect(rotated).toMatch(/^v1\.new\./);
    expect(m2.decryptSecret(rotated, "alert_channel:1")).toBe("https://hooks.slack.com/services/T/B/secret");
    expect(m2.maskSecret("https://hooks.slack.com/services/T000/B000/abcdefgh")).toBe("https://hooks.slack.com/…efgh");
    expect(m2.maskSecret("R0UTINGKEY0123456789abcd")).toBe("…abcd");
  });
});

describe("channel payloads", () => {
  it("Slack: fallback text and blocks within Slack's limits, long lists cut with 'and N more', resolves marked", async () => {
    const { formatRequest } = await fresh();
    const req = formatRequest("slack", { url: "https://hooks.slack.com/x" }, n());
    const body = JSON.parse(req.body) as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(body.text).toContain("Offline: 12 agents offline");
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    expect(body.blocks[0]?.type).toBe("header");
    expect(body.blocks[1]?.text?.text).toContain("…and 2 more");
    expect(req.headers["Idempotency-Key"]).toBe("g1:trigger:c1");
    expect(JSON.parse(formatRequest("slack", { url: "https://x" }, n({ action: "resolve" })).body).text).toMatch(/^✅ Resolved/);
  });

  it("Discord: one embed coloured by severity (green when resolved), mentions disabled, field limits kept", async () => {
    const { formatRequest } = await fresh();
    const body = JSON.parse(formatRequest("discord", { url: "https://discord.com/api/webhooks/1/x" }, n()).body) as { allowed_mentions: { parse: unknown[] }; embeds: { color: number; title: string; fields: { name: string; value: string }[] }[] };
    expect(body.allowed_mentions.parse).toEqual([]);
    expect(body.embeds[0]?.color).toBe(0xdc2626);
    expect(body.embeds[0]?.fields.length).toBeLessThanOrEqual(25);
    expect(JSON.parse(formatRequest("discord", { url: "https://x" }, n({ action: "resolve" })).body).embeds[0].color).toBe(0x16a34a);
  });

  it("PagerDuty Events v2: trigger with payload and dedup_key; resolve with only routing_key, action and dedup_key", async () => {
    const { formatRequest } = await fresh();
    const trigger = formatRequest("pagerduty", { routingKey: "R0UTINGKEY0123456789abcd" }, n());
    expect(trigger.url).toBe("https://events.pagerduty.com/v2/enqueue");
    const t = JSON.parse(trigger.body) as { routing_key: string; event_action: string; dedup_key: string; payload: { summary: string; source: string; severity: string } };
    expect(t).toMatchObject({ routing_key: "R0UTINGKEY0123456789abcd", event_action: "trigger", dedup_key: "ocf-abc", payload: { source: "openclaw-fleet", severity: "critical" } });
    expect(["critical", "error", "warning", "info"]).toContain(t.payload.severity);
    expect(t.payload.summary.length).toBeLessThanOrEqual(1024);
    expect(JSON.parse(formatRequest("pagerduty", { routingKey: "k" }, n({ action: "resolve" })).body)).toEqual({ routing_key: "k", event_action: "resolve", dedup_key: "ocf-abc" });
  });

  it("signed webhook: the signature verifies over timestamp and raw body, and fails if either changes or is stale", async () => {
    const { formatRequest, verifyWebhookSignature } = await fresh();
    const now = 1_790_000_000_000;
    const req = formatRequest("webhook", { url: "https://example.com/hook", secret: "0123456789abcdef" }, n(), now);
    const timestamp = req.headers["X-OpenClaw-Fleet-Timestamp"] ?? "";
    const signature = req.headers["X-OpenClaw-Fleet-Signature"] ?? "";
    expect(JSON.parse(req.body)).toMatchObject({ type: "alert.trigger", idempotencyKey: "g1:trigger:c1", dedupKey: "ocf-abc" });
    expect(verifyWebhookSignature({ secret: "0123456789abcdef", timestamp, body: req.body, signature, now })).toBe(true);
    expect(verifyWebhookSignature({ secret: "0123456789abcdef", timestamp, body: `${req.body} `, signature, now })).toBe(false);
    expect(verifyWebhookSignature({ secret: "0123456789abcdef", timestamp: String(Number(timestamp) + 1), body: req.body, signature, now })).toBe(false);
    expect(verifyWebhookSignature({ secret: "wrong-secret-000", timestamp, body: req.body, signature, now })).toBe(false);
    expect(verifyWebhookSignature({ secret: "0123456789abcdef", timestamp, body: req.body, signature, now: now + 301_000 })).toBe(false);
  });
});

describe("outbound targets", () => {
  it("refuses loopback, private, link-local, CGNAT and mapped addresses, and allows public ones", async () => {
    const { isPublicAddress } = await fresh();
    for (const a of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not-an-ip"]) expect(isPublicAddress(a), a).toBe(false);
    for (const a of ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isPublicAddress(a), a).toBe(true);
  });

  it("does not call private targets at all, and retries only what is worth retrying", async () => {
    const { deliver, isRetryable } = await fresh();
    for (const url of ["http://127.0.0.1:9/x", "http://localhost:9/x", "http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data", "http://[::1]:9/x", "ftp://example.com/x", "not a url"]) {
      const r = await deliver({ url, body: "{}", headers: {} }, { timeoutMs: 500 });
      expect(r.ok, url).toBe(false);
      expect(r.error, url).toMatch(/refused|only http|invalid URL/);
    }
    expect(isRetryable({ ok: false, status: 503 })).toBe(true);
    expect(isRetryable({ ok: false, status: 429 })).toBe(true);
    expect(isRetryable({ ok: false, status: null, error: "ECONNRESET" })).toBe(true);
    expect(isRetryable({ ok: false, status: 400 })).toBe(false);
    expect(isRetryable({ ok: false, status: 302, error: "redirect refused" })).toBe(false);
  });
});
