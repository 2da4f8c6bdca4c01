import type { GatewayDevice } from "./gateway-device";
import { GatewayRpc } from "./gateway-rpc";
import { readGuardReport } from "./guard-report";
import type { GuardReport } from "./guard-report";
import { isRecord } from "./guards";

/** One model's usage on one UTC day, cumulative, as the gateway priced it. */
export interface DailyModelUsage {
  day: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  missingCostEntries: number;
  calls: number;
}

export type UsageReaderOptions = { gatewayUrl: string; token: string; device: GatewayDevice; version: string; timeoutMs?: number };

/**
 * Reads the gateway's own usage records over its WebSocket protocol: `sessions.usage` for one UTC
 * day at a time, whose per-model totals carry input, output, cache-read and cache-write tokens,
 * the cost OpenClaw computed and the calls it could not price. One connection is kept open (read
 * scope only) and made again after a failure or once the gateway closed it.
 */
export class GatewayUsageReader {
  private ready: Promise<GatewayRpc> | null = null;
  gatewayVersion: string | undefined;

  constructor(private readonly options: UsageReaderOptions) {}

  async read(days: string[]): Promise<DailyModelUsage[]> {
    try {
      const rpc = await this.connect();
      const out: DailyModelUsage[] = [];
      for (const day of days) {
        const raw = await rpc.request("sessions.usage", { startDate: day, endDate: day, agentScope: "all" });
        out.push(...dailyByModel(day, raw));
      }
      return out;
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** The clawfleet plugin's report (`clawfleet.status`), or null when the gateway has no such method. */
  async guard(): Promise<GuardReport | null> {
    const rpc = await this.connect();
    try {
      return readGuardReport(await rpc.request("clawfleet.status", {}));
    } catch (error) {
      if (/unknown method|not found|unknown_method/i.test(error instanceof Error ? error.message : "")) return null;
      throw error;
    }
  }

  /**
   * The primary model the gateway's config names: `config.get` (operator.read is enough on
   * openclaw 2026.9.6) → `config.agents.defaults.model`, a "provider/model" string or `{primary}`.
   */
  async primaryModel(): Promise<string | null> {
    const rpc = await this.connect();
    return primaryModelOf(await rpc.request("config.get", {}));
  }

  close(): void {
    const ready = this.ready;
    this.ready = null;
    void ready?.then((rpc) => rpc.close(), () => {});
  }

  private connect(): Promise<GatewayRpc> {
    if (this.ready) return this.ready;
    const ready = GatewayRpc.connect({
      ...this.options,
      scopes: ["operator.read"],
      timeoutMs: this.options.timeoutMs ?? 10_000,
      onClose: () => {
        if (this.ready === ready) this.ready = null;
      },
    }).then((rpc) => {
      this.gatewayVersion = rpc.serverVersion;
      return rpc;
    });
    this.ready = ready;
    return ready;
  }
}

/** `agents.defaults.model` of a `config.get` answer, or null when it names none. */
export function primaryModelOf(answer: unknown): string | null {
  const config = isRecord(answer) ? answer.config : undefined;
  const model = isRecord(config) && isRecord(config.agents) && isRecord(config.agents.defaults) ? config.agents.defaults.model : undefined;
  const primary = isRecord(model) ? model.primary : model;
  return typeof primary === "string" && primary.trim() !== "" ? primary.trim() : null;
}

/** A figure OpenClaw reports; anything but a finite non-negative number counts as 0. */
const figure = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0);
const optionalString = (value: unknown) => value === undefined || typeof value === "string";

/** One day's `aggregates.byModel` of a `sessions.usage` answer; a list with a malformed entry counts as none. */
function dailyByModel(day: string, raw: unknown): DailyModelUsage[] {
  if (!isRecord(raw) || !isRecord(raw.aggregates)) throw new Error("unexpected sessions.usage answer (no aggregates)");
  const rows: unknown = raw.aggregates.byModel;
  if (!Array.isArray(rows)) return [];
  const out: DailyModelUsage[] = [];
  for (const row of rows as unknown[]) {
    if (!isRecord(row) || !optionalString(row.provider) || !optionalString(row.model)) return [];
    if (row.totals !== undefined && !isRecord(row.totals)) return [];
    const t = isRecord(row.totals) ? row.totals : {};
    out.push({
      day,
      provider: typeof row.provider === "string" ? row.provider : "",
      model: typeof row.model === "string" ? row.model : "unknown",
      inputTokens: Math.round(figure(t.input)),
      outputTokens: Math.round(figure(t.output)),
      cacheReadTokens: Math.round(figure(t.cacheRead)),
      cacheWriteTokens: Math.round(figure(t.cacheWrite)),
      costUsd: figure(t.totalCost),
      missingCostEntries: Math.round(figure(t.missingCostEntries)),
      calls: Math.round(figure(row.count)),
    });
  }
  return out;
}
