import { isRecord } from "./guards";
import { lightFetch } from "./light-fetch";
import { printable, round } from "./text";

export interface GatewayHealth {
  url: string;
  reachable: boolean;
  healthy: boolean;
  /** Round trip of GET /health, request to last byte; null when nothing answered. */
  rttMs: number | null;
  version?: string;
  /** The primary model its config names (read back over its RPC protocol, not by the probe). */
  model?: string;
  /** Why it is unreachable or unhealthy; for logs and `status`, not sent to the server. */
  error?: string;
}

export const PROBE_TIMEOUT_MS = 2_000;

/**
 * GETs `{gatewayUrl}/health`. Reachable: an HTTP answer came back. Healthy: a 2xx whose JSON body,
 * if any, does not say `ok: false` or a failing `status`.
 */
export async function probeGateway(gatewayUrl: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<GatewayHealth> {
  const url = gatewayUrl.replace(/\/+$/, "");
  const started = performance.now();
  try {
    const response = await lightFetch(`${url}/health`, {
      headers: { accept: "application/json", "user-agent": "clawfleet" },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const rttMs = round(performance.now() - started, 2);
    const body = parseBody(text);
    const healthy = response.ok && bodySaysHealthy(body);
    const health: GatewayHealth = { url, reachable: true, healthy, rttMs };
    const version = versionOf(body) ?? response.headers.get("x-openclaw-version");
    if (version) health.version = printable(version, 64);
    if (!healthy) health.error = response.ok ? "health check reports unhealthy" : `HTTP ${response.status}`;
    return health;
  } catch (error) {
    return { url, reachable: false, healthy: false, rttMs: null, error: probeError(error, timeoutMs) };
  }
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const FAILING = new Set(["error", "fail", "failed", "down", "unhealthy", "degraded"]);

function bodySaysHealthy(body: unknown): boolean {
  if (!isRecord(body)) return true;
  if (body.ok === false || body.healthy === false) return false;
  return !(typeof body.status === "string" && FAILING.has(body.status.toLowerCase()));
}

function versionOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return typeof body.version === "string" && body.version ? body.version : undefined;
}

function probeError(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError" || error.name === "AbortError") return `no answer within ${timeoutMs} ms`;
  const cause = error.cause;
  if (cause instanceof Error) return "code" in cause && typeof cause.code === "string" ? cause.code : cause.message;
  return error.message;
}
