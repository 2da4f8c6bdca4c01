import { parseRetryAfter } from "./backoff";
import { isRecord } from "./guards";
import { signRequest } from "./keys";
import type { AgentConfig } from "./config";

export type HttpResult =
  | { kind: "response"; status: number; body: unknown; retryAfterMs?: number; dateHeader?: string }
  | { kind: "network"; message: string };

export interface HttpOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** POSTs a JSON body; answers the status and parsed JSON, or the network failure. Never throws. */
export async function postJson(url: string, body: string, headers: Record<string, string> = {}, options: HttpOptions = {}): Promise<HttpResult> {
  const doFetch = options.fetch ?? fetch;
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

/** The message of a `{ error: { code, message } }` body, or a generic one for the status. */
export function serverMessage(result: HttpResult): string {
  if (result.kind === "network") return result.message;
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

function networkMessage(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return "request timed out";
    const cause = error.cause;
    if (cause instanceof Error) {
      const code = "code" in cause && typeof cause.code === "string" ? `${cause.code} ` : "";
      return `${code}${cause.message}`.trim();
    }
    return error.message;
  }
  return String(error);
}
