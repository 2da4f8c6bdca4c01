import { env } from "@/lib/env";

export const SESSION_COOKIE = "ocf_session";
export const TEAM_COOKIE = "team";

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The nearest client address: the last X-Forwarded-For hop (added by Next.js or the closest proxy). */
export function clientIp(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return (last || req.headers.get("x-real-ip") || "unknown").slice(0, 64);
}

/** The origin people reach this server at: APP_URL, else what the request says. */
export function publicOrigin(req: Request): string {
  const configured = env().APP_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** Cookie-authenticated mutations must come from our own pages (CSRF defence alongside SameSite=Lax). */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return req.headers.get("sec-fetch-site") === "same-origin";
  return origin === publicOrigin(req);
}

export const isUnsafeMethod = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());

function isLoopbackHost(req: Request): boolean {
  const host = (req.headers.get("host") ?? new URL(req.url).host).replace(/:\d+$/, "");
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/** Secure cookies over HTTPS, and on loopback where browsers accept them over plain HTTP too. */
export function cookieIsSecure(req: Request): boolean {
  const configured = env().APP_URL;
  if (configured) return configured.startsWith("https:");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return proto === "https" || isLoopbackHost(req);
}

type CookieOptions = { maxAgeS: number; httpOnly?: boolean; secure: boolean };

export function serializeCookie(name: string, value: string, { maxAgeS, httpOnly = true, secure }: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", `Max-Age=${maxAgeS}`, "SameSite=Lax"];
  if (httpOnly) parts.push("HttpOnly");
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
