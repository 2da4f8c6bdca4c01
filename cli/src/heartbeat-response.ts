import type { HttpResult } from "./http-client";
import { isRecord } from "./guards";
import { serverMessage } from "./http-client";
import { array, boolean, check, nullable, number, object, optional, record, string, withDefault } from "./shape";
import type { Infer } from "./shape";

/** 200 answer of POST /api/heartbeat; read leniently so a server adding fields breaks nothing. */
export const HeartbeatResponse = object({
  ok: optional(boolean),
  agentStatus: withDefault(nullable(string()), () => null),
  nextHeartbeatS: optional(number({ above: 0 })),
  policy: optional(record),
  secrets: optional(record),
  commands: withDefault(array(object({ id: string(), type: string(), args: withDefault(record, () => ({})) })), () => []),
});
export type HeartbeatResponse = Infer<typeof HeartbeatResponse>;

/** What one POST /api/heartbeat came to, from the agent's point of view. */
export type Verdict =
  | { kind: "ok"; httpStatus: number; response: HeartbeatResponse }
  /** 429, 5xx, 408 or no answer at all: keep the body and try again later. */
  | { kind: "retry"; httpStatus: number | null; retryAfterMs?: number; message: string }
  /** 409: the jti was seen or the seq is not above the last one stored. */
  | { kind: "conflict"; httpStatus: 409; message: string; lastSeq?: number }
  /** 401/403: bad signature, revoked key or deleted agent. */
  | { kind: "unauthorized"; httpStatus: number; message: string }
  /** Any other 4xx (413, 422, ...): this body will never be accepted. */
  | { kind: "rejected"; httpStatus: number; message: string };

export type VerdictKind = Verdict["kind"];

const CLOCK_SKEW_WARN_S = 30;

export function classify(result: HttpResult, now = Date.now()): Verdict {
  if (result.kind === "network") return { kind: "retry", httpStatus: null, message: `server unreachable: ${result.message}` };
  const { status } = result;
  const message = serverMessage(result);
  if (status >= 200 && status < 300) {
    const parsed = check(HeartbeatResponse, result.body);
    // The data is committed either way; an unreadable answer only costs this round's commands.
    return { kind: "ok", httpStatus: status, response: parsed.ok ? parsed.data : HeartbeatResponse({}, []) };
  }
  if (status === 429 || status === 408 || status >= 500) {
    return { kind: "retry", httpStatus: status, retryAfterMs: result.retryAfterMs, message };
  }
  if (status === 409) return { kind: "conflict", httpStatus: 409, message, lastSeq: lastSeqHint(result.body) };
  if (status === 401 || status === 403) {
    const skew = result.dateHeader ? Math.round((now - Date.parse(result.dateHeader)) / 1000) : 0;
    const clock = Math.abs(skew) > CLOCK_SKEW_WARN_S ? ` (this host's clock is ${skew} s off the server's: fix time sync first)` : "";
    return { kind: "unauthorized", httpStatus: status, message: `${message}${clock}` };
  }
  return { kind: "rejected", httpStatus: status, message };
}

/** A server may say which seq it last stored (`error.details.lastSeq`); the agent then jumps past it. */
function lastSeqHint(body: unknown): number | undefined {
  if (!isRecord(body) || !isRecord(body.error) || !isRecord(body.error.details)) return undefined;
  const value = body.error.details.lastSeq;
  return typeof value === "number" && Number.isSafeInteger(value) ? value : undefined;
}

export function policyVersionOf(policy: Record<string, unknown> | undefined): number | undefined {
  const version = policy?.version;
  return typeof version === "number" && Number.isSafeInteger(version) && version >= 0 ? version : undefined;
}
