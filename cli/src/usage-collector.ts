import type { GatewayDevice } from "./gateway-device";
import { resolveGatewayToken } from "./gateway-token";
import { GatewayUsageReader } from "./gateway-usage";
import type { DailyModelUsage } from "./gateway-usage";
import type { GuardReport } from "./guard-report";
import { describeError } from "./errors";
import { printable } from "./text";

const TOKEN_RETRY_MS = 60_000;
const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);
const keyOf = (u: DailyModelUsage) => `${u.day}|${u.provider}|${u.model}`;
const figures = (u: DailyModelUsage) => [u.inputTokens, u.outputTokens, u.cacheReadTokens, u.cacheWriteTokens, u.costUsd, u.missingCostEntries, u.calls].join(",");

export type UsageSnapshot = { usageDaily: DailyModelUsage[]; usageError?: string };
type Reader = Pick<GatewayUsageReader, "read" | "close"> & Partial<Pick<GatewayUsageReader, "guard" | "primaryModel">>;

export type CollectorOptions = {
  gatewayUrl: string;
  device: () => Promise<GatewayDevice>;
  version: string;
  now?: () => number;
  makeReader?: (token: string, device: GatewayDevice) => Reader;
};

/**
 * The gateway's usage for the heartbeats: today's cumulative figures per model (and yesterday's,
 * once after start and once after midnight, to close the day), read in the background so a slow
 * gateway never holds a heartbeat back. A body carries the entries that changed since a body was
 * last accepted or spooled, and why usage cannot be read when it cannot.
 */
export class UsageCollector {
  private reader: Reader | null = null;
  private tokenCheckedAt = Number.NEGATIVE_INFINITY;
  private tokenProblem: string | null = null;
  private inFlight: Promise<void> | null = null;
  private latest = new Map<string, DailyModelUsage>();
  private sent = new Map<string, string>();
  private lastDay: string | null = null;
  private error: string | null = null;
  /** The clawfleet plugin's latest report; null when the gateway has no plugin (or it could not be read). */
  guard: GuardReport | null = null;
  /** The primary model the gateway's config names, read with each refresh; null when it could not be read. */
  model: string | null = null;

  constructor(private readonly options: CollectorOptions) {}

  /** Starts a read unless one is running, and waits for it at most `budgetMs`; then answers what is new. */
  async take(budgetMs: number): Promise<UsageSnapshot> {
    this.inFlight ??= this.refresh().finally(() => (this.inFlight = null));
    await Promise.race([this.inFlight, new Promise((resolve) => setTimeout(resolve, budgetMs).unref())]);
    const changed = [...this.latest.values()].filter((u) => this.sent.get(keyOf(u)) !== figures(u));
    return { usageDaily: changed, ...(this.error ? { usageError: printable(this.error, 500) } : {}) };
  }

  /** The entries of a body reached the server or the spool. */
  delivered(entries: DailyModelUsage[]): void {
    for (const u of entries) this.sent.set(keyOf(u), figures(u));
  }

  /** The gateway's version, as its handshake told it (its /health does not). */
  get gatewayVersion(): string | undefined {
    return this.reader instanceof GatewayUsageReader ? this.reader.gatewayVersion : undefined;
  }

  close(): void {
    this.reader?.close();
    this.reader = null;
  }

  private async refresh(): Promise<void> {
    const reader = await this.ensureReader();
    if (!reader) return;
    const now = this.options.now?.() ?? Date.now();
    const today = utcDay(now);
    const days = this.lastDay === today ? [today] : [utcDay(now - 86_400_000), today];
    try {
      // First, so a heartbeat waiting on this read gets the model even when usage takes longer.
      this.model = (await reader.primaryModel?.()) ?? null;
      for (const u of await reader.read(days)) this.latest.set(keyOf(u), u);
      // Forget days no longer read once their last figures went out, so memory stays bounded.
      for (const [key, u] of this.latest) {
        if (!days.includes(u.day) && this.sent.get(key) === figures(u)) {
          this.latest.delete(key);
          this.sent.delete(key);
        }
      }
      this.lastDay = today;
      this.error = null;
      this.guard = (await reader.guard?.().catch(() => null)) ?? null;
    } catch (error) {
      // Connect again next time, with the token looked up afresh (at most once a minute).
      this.close();
      this.model = null;
      this.error = `reading usage from the gateway failed: ${describeError(error)}`;
    }
  }

  private async ensureReader(): Promise<Reader | null> {
    if (this.reader) return this.reader;
    const now = this.options.now?.() ?? Date.now();
    if (now - this.tokenCheckedAt < TOKEN_RETRY_MS) {
      if (this.tokenProblem) this.error = this.tokenProblem;
      return null;
    }
    this.tokenCheckedAt = now;
    const token = await resolveGatewayToken({ gatewayUrl: this.options.gatewayUrl });
    if (token.token === null) {
      this.tokenProblem = token.reason;
      this.error = token.reason;
      return null;
    }
    this.tokenProblem = null;
    const device = await this.options.device();
    this.reader = this.options.makeReader?.(token.token, device) ?? new GatewayUsageReader({ gatewayUrl: this.options.gatewayUrl, token: token.token, device, version: this.options.version });
    return this.reader;
  }
}
