import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import net, { BlockList } from "node:net";
import { env } from "@/lib/env";
import type { OutboundRequest } from "./types";

export type DeliveryResult = { ok: boolean; status: number | null; error?: string; retryAfterS?: number };

// Loopback, private, link-local (cloud metadata), CGNAT, unspecified and multicast: never a webhook's target.
const BLOCKED = new BlockList();
for (const [net4, bits] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.168.0.0", 16], ["224.0.0.0", 4], ["240.0.0.0", 4]] as const) BLOCKED.addSubnet(net4, bits, "ipv4");
for (const [net6, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) BLOCKED.addSubnet(net6, bits, "ipv6");

/** Whether an address may be called (IPv4-mapped IPv6 judged by its IPv4 part). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = net.isIP(ip);
  if (family === 0) return false;
  return !BLOCKED.check(ip, family === 4 ? "ipv4" : "ipv6");
}

/** DNS resolution that refuses the whole name if any of its addresses is private; the request then connects to a vetted address. */
function vettedLookup(hostname: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) {
  dnsLookup(hostname, { all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad && !env().ALLOW_PRIVATE_WEBHOOKS) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address`), { code: "EPRIVATE" }), "");
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
    callback(null, [first]);
  });
}

/**
 * POSTs a notification: http(s) only, private targets refused (unless ALLOW_PRIVATE_WEBHOOKS),
 * redirects never followed, a timeout; never throws for a failing or refused target.
 */
export function deliver(req: OutboundRequest, { timeoutMs = 10_000 } = {}): Promise<DeliveryResult> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.resolve({ ok: false, status: null, error: "invalid URL" });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return Promise.resolve({ ok: false, status: null, error: "only http(s) targets" });
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !isPublicAddress(host) && !env().ALLOW_PRIVATE_WEBHOOKS) return Promise.resolve({ ok: false, status: null, error: "refused: private address" });
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(url, { method: "POST", headers: { ...req.headers, "Content-Length": String(Buffer.byteLength(req.body)) }, lookup: vettedLookup as never, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const retryAfter = Number(res.headers["retry-after"]);
        if (status >= 200 && status < 300) return resolve({ ok: true, status });
        const error = status >= 300 && status < 400 ? "redirect refused" : `HTTP ${status}`;
        resolve({ ok: false, status, error, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterS: retryAfter } : {}) });
      });
    });
    request.on("timeout", () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on("error", (e) => resolve({ ok: false, status: null, error: e.message }));
    request.end(req.body);
  });
}

/** Worth trying again: network failures, timeouts, 408, 429 and 5xx. A redirect or other 4xx is the receiver's final word. */
export const isRetryable = (r: DeliveryResult) => !r.ok && (r.status === null || r.status === 408 || r.status === 429 || r.status >= 500);
