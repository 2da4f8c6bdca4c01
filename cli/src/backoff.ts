// Exponential backoff with full jitter (delay uniform in [0, min(cap, base * 2^(attempt-1)))).

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 5 * 60_000 };

/** A server's Retry-After is honoured, up to this much. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** The upper bound of the jittered delay for a 1-based attempt number. */
export function backoffCeiling(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40);
  return Math.min(options.capMs, options.baseMs * 2 ** exponent);
}

/**
 * The delay before retry number `attempt` (1-based). With a Retry-After from the server, that
 * delay plus up to one base of jitter (so agents told the same instant do not return together).
 */
export function backoffDelay(attempt: number, retryAfterMs?: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const random = options.random ?? Math.random;
  if (retryAfterMs !== undefined) {
    return Math.floor(Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) + random() * options.baseMs);
  }
  return Math.floor(random() * backoffCeiling(attempt, options));
}

/** Retry-After as delay-seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
