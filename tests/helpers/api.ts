import { randomUUID } from "node:crypto";
import { apiRouteFiles } from "./routes";

export const ORIGIN = "http://127.0.0.1:3000";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
export type Auth = { cookie?: string; token?: string; teamId?: string };
export type CallOptions = Auth & { body?: unknown; rawBody?: string; headers?: Record<string, string>; ip?: string };
export type ApiResult<T = Record<string, unknown>> = { status: number; body: T; headers: Headers };

const routes = apiRouteFiles();
const modules = new Map<string, Promise<Record<string, Handler | undefined>>>();

/** Forgets the imported route modules, so the next call loads them afresh (after vi.resetModules). */
export function reloadRoutes(): void {
  modules.clear();
}

/**
 * Sends a request through the real route handler for `path`, exactly as Next.js would call it,
 * against the real database. Cookie-authenticated calls carry our Origin like a browser does.
 */
export async function call<T = Record<string, unknown>>(method: string, path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
  const [pathname] = path.split("?");
  const route = routes.find((r) => r.regex.test(pathname ?? ""));
  if (!route) throw new Error(`no route file for ${path}`);
  const values = route.regex.exec(pathname ?? "")?.slice(1) ?? [];
  const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(values[i] ?? "")]));
  if (!modules.has(route.file)) modules.set(route.file, import(route.file) as Promise<Record<string, Handler>>);
  const handler = (await modules.get(route.file))?.[method];
  if (!handler) return { status: 405, body: {} as T, headers: new Headers() };

  const headers = new Headers({ "x-forwarded-for": options.ip ?? `10.${rand()}.${rand()}.${rand()}`, host: "127.0.0.1:3000" });
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.teamId) headers.set("x-team-id", options.teamId);
  if (method !== "GET") headers.set("origin", ORIGIN);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers.set("content-type", "application/json");
  for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
  const req = new Request(`${ORIGIN}${path}`, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  const isJson = !text || (res.headers.get("content-type") ?? "application/json").includes("json");
  return { status: res.status, body: (isJson ? (text ? JSON.parse(text) : {}) : text) as T, headers: res.headers };
}

const rand = () => Math.floor(Math.random() * 250) + 1;
export const uniqueEmail = (tag = "user") => `${tag}-${randomUUID().slice(0, 8)}@example.test`;

/** The `name=value` pairs of a response's Set-Cookie headers, ready for a Cookie header. */
export function cookiesFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c): c is string => Boolean(c && !c.endsWith("=")))
    .join("; ");
}
