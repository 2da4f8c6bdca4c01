import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import net, { BlockList, type LookupFunction } from "node:net";
import { env } from "@/lib/env";
import type { OutboundRequest } from "./types";

// What one delivery attempt came to; the dispatcher logs it and decides on a retry.
export type DeliveryResult = { ok: boolean; status: number | null; error?: string; retryAfterS?: number };

// Loopback, private, link-local (cloud metadata), CGNAT, unspecified, reserved and multicast: never a webhook's target.
const BLOCKED = new BlockList();
const V4 = [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4]] as const;
const V6 = [["::", 96], ["::ffff:0:0:0", 96], ["64:ff9b:1::", 48], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8]] as const;
for (const [prefix, bits] of V4) BLOCKED.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of V6) BLOCKED.addSubnet(prefix, bits, "ipv6"); // ::/96 holds ::, ::1 and IPv4-compatible forms

// The SSRF rule in one place: whether an address may be called (IPv4-mapped IPv6 judged by its IPv4 part).
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = net.isIP(ip);
  if (family === 0) return false;
  return !BLOCKED.check(ip, family === 4 ? "ipv4" : "ipv6"); // BlockList also matches ::ffff:7f00:1 against IPv4 rules
}

const refusal = (message: string) => Object.assign(new Error(`refused: ${message}`), { code: "EPRIVATE" });

/**
 * The socket's DNS lookup: a name is refused if any of its addresses is private, and the socket then
 * connects to those same vetted addresses, so a rebinding answer between check and connect cannot slip in.
 */
const vettedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad && !env().ALLOW_PRIVATE_WEBHOOKS) return callback(refusal(`${hostname} resolves to a private address (${bad.address})`), "");
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  });
};

/** Seconds from Retry-After, given as seconds or as an HTTP date. */
function retryAfterSeconds(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function resultOf(status: number, retryAfter: string | undefined): DeliveryResult {
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) return { ok: false, status, error: "redirect refused" };
  const retryAfterS = status === 429 || status >= 500 ? retryAfterSeconds(retryAfter) : undefined;
  return { ok: false, status, error: `HTTP ${status}`, ...(retryAfterS === undefined ? {} : { retryAfterS }) };
}

/** One POST over a fresh connection (no pooled socket whose address was never vetted), within a total deadline. */
function post(url: URL, req: OutboundRequest, timeoutMs: number): Promise<DeliveryResult> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    try {
      const headers = { ...req.headers, "Content-Length": String(Buffer.byteLength(req.body)) };
      const request = (url.protocol === "https:" ? https : http).request(url, { method: "POST", headers, agent: false, lookup: vettedLookup }, (res) => {
        finish(resultOf(res.statusCode ?? 0, res.headers["retry-after"]));
        res.destroy(); // the status and headers are the answer; a redirect's Location is never read
      });
      timer = setTimeout(() => request.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      request.on("error", (e) => finish({ ok: false, status: null, error: e.message }));
      request.end(req.body);
    } catch (e) {
      // e.g. a header value with a newline, refused by Node before anything is sent
      finish({ ok: false, status: null, error: e instanceof Error ? e.message : String(e) });
    }
  });
}

/**
 * Sends a formatted notification: http(s) only, private targets refused unless ALLOW_PRIVATE_WEBHOOKS,
 * redirects never followed, bounded by `timeoutMs`; resolves (never throws) for a refused or failing target.
 */
export async function deliver(req: OutboundRequest, { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<DeliveryResult> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { ok: false, status: null, error: "invalid URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, status: null, error: "only http(s) targets" };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !isPublicAddress(host) && !env().ALLOW_PRIVATE_WEBHOOKS) {
    return { ok: false, status: null, error: `refused: ${host} is a private address` };
  }
  return post(url, req, timeoutMs);
}

// Worth trying again: network failures, timeouts, 408, 429 and 5xx; a redirect or other 4xx is the receiver's final word.
export function isRetryable(r: DeliveryResult): boolean {
  return !r.ok && (r.status === null || r.status === 408 || r.status === 429 || r.status >= 500);
}
