import type * as Dns from "node:dns";
import type { LookupAddress, LookupAllOptions } from "node:dns";
import { createServer, type IncomingHttpHeaders, type RequestListener } from "node:http";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { formatRequest } from "@/lib/server/alerts/channels/format";
import type { AlertNotification } from "@/lib/server/alerts/channels/types";
import { verifyWebhookSignature } from "@/lib/server/alerts/channels/verify";

// Names the resolver answers without a network: one local, one public-and-private (refused as a whole).
const FAKE_DNS: Record<string, LookupAddress[]> = {
  "receiver.fleet.test": [{ address: "127.0.0.1", family: 4 }],
  "mixed.fleet.test": [{ address: "93.184.216.34", family: 4 }, { address: "127.0.0.1", family: 4 }],
};
vi.mock("node:dns", async (importOriginal) => {
  const real = await importOriginal<typeof Dns>();
  const lookup = (host: string, options: LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
    const fake = FAKE_DNS[host];
    if (fake) return void process.nextTick(() => callback(null, fake));
    real.lookup(host, options, callback);
  };
  return { ...real, lookup };
});

type Hit = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
const servers: { close: () => Promise<void> }[] = [];

/** A local receiver on an ephemeral port that records every request and every connection. */
async function receiver(answer: RequestListener = (_req, res) => void res.writeHead(200).end("ok")) {
  const hits: Hit[] = [];
  const stats = { connections: 0 };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      hits.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      answer(req, res);
    });
  });
  server.on("connection", () => stats.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  servers.push({ close });
  return { hits, stats, port, url: `http://127.0.0.1:${port}` };
}

/** deliver() with ALLOW_PRIVATE_WEBHOOKS set as given, read afresh (settings are cached per module graph). */
async function deliverWith(allowPrivate: "0" | "1") {
  vi.stubEnv("ALLOW_PRIVATE_WEBHOOKS", allowPrivate);
  vi.resetModules();
  return import("@/lib/server/alerts/channels/deliver");
}

const notification: AlertNotification = {
  idempotencyKey: "grp-9:trigger:ch-9", action: "trigger", dedupKey: "ocf-r9-g9", severity: "warning", ruleName: "Gateway slow",
  title: "Gateway slow on box-1", summary: "RTT 950 ms for 5 minutes", agents: [{ id: "a1", name: "box-1", status: "degraded", region: "us-east", detail: "rtt 950 ms" }],
  url: "https://fleet.example.com/dashboard/alerts/9", at: "2026-11-25T07:00:00.000Z",
};

afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe("delivery with ALLOW_PRIVATE_WEBHOOKS=1", () => {
  it("posts the exact signed body and headers, and the receiver can verify them", async () => {
    const { deliver } = await deliverWith("1");
    const target = await receiver();
    const req = formatRequest("webhook", { url: `${target.url}/hooks/fleet`, secret: "receiver-shared-secret" }, notification);
    expect(await deliver(req)).toEqual({ ok: true, status: 200 });
    const [hit] = target.hits;
    expect(target.hits).toHaveLength(1);
    expect(hit).toMatchObject({ method: "POST", path: "/hooks/fleet", body: req.body });
    for (const [name, value] of Object.entries(req.headers)) expect(hit?.headers[name.toLowerCase()], name).toBe(value);
    expect(hit?.headers["content-length"]).toBe(String(Buffer.byteLength(req.body)));
    const check = { secret: "receiver-shared-secret", body: hit?.body ?? "", timestamp: String(hit?.headers["x-openclaw-fleet-timestamp"]), signature: String(hit?.headers["x-openclaw-fleet-signature"]) };
    expect(verifyWebhookSignature(check)).toBe(true);
    expect(verifyWebhookSignature({ ...check, body: check.body.replace("box-1", "box-2") })).toBe(false);
  });

  it("delivers Slack, Discord and PagerDuty (PAGERDUTY_EVENTS_URL) formats, and connects to the vetted address under the hostname", async () => {
    const { deliver } = await deliverWith("1");
    const target = await receiver((_req, res) => void res.writeHead(202).end());
    vi.stubEnv("PAGERDUTY_EVENTS_URL", `${target.url}/v2/enqueue`);
    for (const [type, config] of [["slack", { url: `${target.url}/slack` }], ["discord", { url: `http://localhost:${target.port}/discord` }], ["pagerduty", { routingKey: "R0UTINGKEY0123456789abcd" }]] as const) {
      expect(await deliver(formatRequest(type, config, notification)), type).toMatchObject({ ok: true, status: 202 });
    }
    expect(await deliver({ url: `http://receiver.fleet.test:${target.port}/named`, body: "{}", headers: {} })).toMatchObject({ ok: true });
    expect(target.hits.map((h) => h.path)).toEqual(["/slack", "/discord", "/v2/enqueue", "/named"]);
    expect(target.hits[3]?.headers.host).toBe(`receiver.fleet.test:${target.port}`);
    expect(JSON.parse(target.hits[2]?.body ?? "{}")).toMatchObject({ routing_key: "R0UTINGKEY0123456789abcd", event_action: "trigger", dedup_key: "ocf-r9-g9" });
  });

  it("never follows a redirect: the redirecting receiver answers 3xx and the target hears nothing", async () => {
    const { deliver, isRetryable } = await deliverWith("1");
    const target = await receiver();
    for (const status of [302, 307, 308]) {
      const redirector = await receiver((_req, res) => void res.writeHead(status, { location: `${target.url}/stolen` }).end());
      const r = await deliver({ url: `${redirector.url}/hook`, body: "{}", headers: {} });
      expect(r).toMatchObject({ ok: false, status, error: "redirect refused" });
      expect(isRetryable(r)).toBe(false);
      expect(redirector.hits).toHaveLength(1);
    }
    expect(target.stats.connections).toBe(0);
  });

  it("reads Retry-After on 503 and 429, treats 400 as final, and retries 500 and dropped connections", async () => {
    const { deliver, isRetryable } = await deliverWith("1");
    const answer = (status: number, headers: Record<string, string> = {}) => receiver((_req, res) => void res.writeHead(status, headers).end());
    const busy = await deliver({ url: (await answer(503, { "retry-after": "7" })).url, body: "{}", headers: {} });
    expect(busy).toMatchObject({ ok: false, status: 503, retryAfterS: 7 });
    expect(isRetryable(busy)).toBe(true);
    const limited = await deliver({ url: (await answer(429, { "retry-after": new Date(Date.now() + 60_000).toUTCString() })).url, body: "{}", headers: {} });
    expect(limited.retryAfterS).toBeGreaterThanOrEqual(58);
    expect(isRetryable(limited)).toBe(true);
    const bad = await deliver({ url: (await answer(400, { "retry-after": "7" })).url, body: "{}", headers: {} });
    expect(bad).toEqual({ ok: false, status: 400, error: "HTTP 400" });
    expect(isRetryable(bad)).toBe(false);
    expect(isRetryable(await deliver({ url: (await answer(500)).url, body: "{}", headers: {} }))).toBe(true);
    const dropped = await deliver({ url: (await receiver((req) => req.socket.destroy())).url, body: "{}", headers: {} });
    expect(dropped).toMatchObject({ ok: false, status: null });
    expect(isRetryable(dropped)).toBe(true);
  });

  it("times out a receiver that never answers", async () => {
    const { deliver, isRetryable } = await deliverWith("1");
    const silent = await receiver(() => {});
    const started = Date.now();
    const r = await deliver({ url: silent.url, body: "{}", headers: {} }, { timeoutMs: 300 });
    expect(r).toEqual({ ok: false, status: null, error: "timed out after 300 ms" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(isRetryable(r)).toBe(true);
  });
});

describe("delivery with private targets refused (the default)", () => {
  it("refuses loopback, private, link-local and mapped targets, by address or by name, before any connection", async () => {
    const { deliver } = await deliverWith("0");
    const sentinel = await receiver();
    const redirector = await receiver((_req, res) => void res.writeHead(302, { location: `${sentinel.url}/x` }).end());
    const p = sentinel.port;
    const urls = [
      `http://127.0.0.1:${p}/x`, `http://localhost:${p}/x`, "http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data/", `http://[::1]:${p}/x`,
      `http://[::ffff:127.0.0.1]:${p}/x`, `http://0x7f000001:${p}/x`, `http://127.1:${p}/x`, "https://192.168.1.1/x", "http://100.64.0.1/x",
      `http://receiver.fleet.test:${p}/x`, `http://mixed.fleet.test:${p}/x`, `${redirector.url}/hook`,
    ];
    for (const url of urls) {
      const r = await deliver({ url, body: "{}", headers: {} }, { timeoutMs: 2_000 });
      expect(r, url).toMatchObject({ ok: false, status: null });
      expect(r.error, url).toMatch(/^refused: /);
    }
    expect(sentinel.stats.connections + redirector.stats.connections).toBe(0);
    expect(await deliver({ url: "ftp://example.com/x", body: "{}", headers: {} })).toMatchObject({ ok: false, error: "only http(s) targets" });
    expect(await deliver({ url: "not a url", body: "{}", headers: {} })).toMatchObject({ ok: false, error: "invalid URL" });
  });
});
