import { parseRetryAfter } from "./backoff";
import { isRecord } from "./guards";
import { signRequest } from "./keys";
import type { AgentConfig } from "./config";
import { lightFetch } from "./light-fetch";
import type { MiniFetch } from "./light-fetch";

export type HttpResult =
  | { kind: "response"; status: number; body: unknown; retryAfterMs?: number; dateHeader?: string; contentType?: string }
  | { kind: "network"; message: string };

export interface HttpOptions {
  timeoutMs?: number;
  fetch?: MiniFetch;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** POSTs a JSON body; answers the status and parsed JSON, or the network failure. Never throws. */
export async function postJson(url: string, body: string, headers: Record<string, string> = {}, options: HttpOptions = {}): Promise<HttpResult> {
  const doFetch = options.fetch ?? lightFetch;
  try {
    const response = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", "user-agent": "clawfleet", ...headers },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    const text = await response.text();
    return {
      kind: "response",
      status: response.status,
      body: parseJson(text),
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      dateHeader: response.headers.get("date") ?? undefined,
      contentType: response.headers.get("content-type") ?? undefined,
    };
  } catch (error) {
    return { kind: "network", message: networkMessage(error) };
  }
}

type Agent = Pick<AgentConfig, "url" | "agentId" | "audience" | "privateKeyJwk">;

/** Signs `body` (already serialised: these exact bytes are hashed and sent) and posts it to /api/heartbeat. */
export async function postHeartbeat(agent: Agent, body: string, options: HttpOptions = {}): Promise<HttpResult> {
  const token = await signRequest(agent, body);
  return postJson(apiUrl(agent.url, "/api/heartbeat"), body, { authorization: `Bearer ${token}` }, options);
}

export function apiUrl(base: string, route: string): string {
  return `${base.replace(/\/+$/, "")}${route}`;
}

/** A web page where JSON was expected: a proxy's login page, a wrong path, another site. */
export function isHtmlAnswer(result: HttpResult): boolean {
  if (result.kind !== "response") return false;
  if (/\btext\/html\b/i.test(result.contentType ?? "")) return true;
  return typeof result.body === "string" && /^\s*<(!doctype html|html)\b/i.test(result.body);
}

/** The message of a `{ error: { code, message } }` body, or a generic one for the status. */
export function serverMessage(result: HttpResult): string {
  if (result.kind === "network") return result.message;
  if (isHtmlAnswer(result)) return `HTTP ${result.status} with an HTML page, not the OpenClaw Fleet API`;
  const body = result.body;
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message } = body.error;
    if (typeof message === "string") return typeof code === "string" ? `${code}: ${message}` : message;
  }
  return `HTTP ${result.status}`;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 500);
  }
}

const REASONS: Record<string, string> = {
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved (DNS did not answer)",
  ECONNREFUSED: "connection refused: nothing listens on that port",
  ECONNRESET: "the connection was reset",
  EHOSTUNREACH: "no route to the host",
  ENETUNREACH: "the network is unreachable",
  ETIMEDOUT: "the connection timed out",
  ERR_SSL_WRONG_VERSION_NUMBER: "TLS handshake failed: the server does not speak TLS on that port (http instead of https?)",
};

/** One readable reason for a failed request: what went wrong, then the system's code. */
export function networkMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError" || error.name === "AbortError") return "no answer in time (request timed out)";
  const cause = error.cause;
  if (!(cause instanceof Error)) return error.message;
  if (cause.message === "unexpected redirect") return "the server answered with a redirect: give the address it redirects to";
  const raw = "code" in cause && typeof cause.code === "string" ? cause.code : "";
  // node:https reports a handshake with a plain-HTTP port as EPROTO with OpenSSL's reason in the message.
  const code = raw === "EPROTO" && /wrong version number/.test(cause.message) ? "ERR_SSL_WRONG_VERSION_NUMBER" : raw;
  const known = REASONS[code];
  if (known) return `${known} (${code})`;
  if (/CERT|SSL|TLS|SIGNATURE|ISSUER|EPROTO/.test(code)) return `TLS error: ${opensslReason(cause.message)} (${code})`;
  return code ? `${cause.message} (${code})` : cause.message;
}

/** OpenSSL's "8C0...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:file.c:350:" → its reason. */
function opensslReason(message: string): string {
  return /:SSL routines:[^:]*:([^:]+):/.exec(message)?.[1] ?? message;
}
