import { GatewayClient } from "@openclaw/gateway-client";
import * as z from "zod/v4";
import type { GatewayDevice } from "./gateway-device";
import { publicKeyRaw, signPayload } from "./gateway-device";

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

const count = z.number().finite().nonnegative().catch(0);
const Totals = z.object({ input: count, output: count, cacheRead: count, cacheWrite: count, totalCost: count, missingCostEntries: count }).partial();
const SessionsUsage = z.object({
  aggregates: z.object({
    byModel: z.array(z.object({ provider: z.string().optional(), model: z.string().optional(), count: count.optional(), totals: Totals.optional() })).catch([]),
  }),
});

export type UsageReaderOptions = { gatewayUrl: string; token: string; device: GatewayDevice; version: string; timeoutMs?: number };

/**
 * Reads the gateway's own usage records over its WebSocket protocol (the reference client,
 * @openclaw/gateway-client): `sessions.usage` for one UTC day at a time, whose per-model totals
 * carry input, output, cache-read and cache-write tokens, the cost OpenClaw computed and the calls
 * it could not price. One connection is kept open (read scope only) and made again after a failure.
 */
export class GatewayUsageReader {
  private client: GatewayClient | null = null;
  private ready: Promise<GatewayClient> | null = null;
  gatewayVersion: string | undefined;

  constructor(private readonly options: UsageReaderOptions) {}

  async read(days: string[]): Promise<DailyModelUsage[]> {
    try {
      const client = await this.connect();
      const out: DailyModelUsage[] = [];
      for (const day of days) {
        const raw = await client.request("sessions.usage", { startDate: day, endDate: day, agentScope: "all" }, { timeoutMs: this.timeoutMs });
        for (const row of SessionsUsage.parse(raw).aggregates.byModel) out.push(toDaily(day, row));
      }
      return out;
    } catch (error) {
      this.close();
      throw error;
    }
  }

  close(): void {
    this.client?.stop();
    this.client = null;
    this.ready = null;
  }

  private get timeoutMs() {
    return this.options.timeoutMs ?? 10_000;
  }

  private connect(): Promise<GatewayClient> {
    this.ready ??= new Promise<GatewayClient>((resolve, reject) => {
      const { device } = this.options;
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.close();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`no handshake with the gateway within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      const client = new GatewayClient({
        url: this.options.gatewayUrl.replace(/^http/, "ws"),
        token: this.options.token,
        clientName: "gateway-client",
        clientDisplayName: "clawfleet",
        clientVersion: this.options.version,
        mode: "backend",
        role: "operator",
        scopes: ["operator.read"],
        platform: process.platform,
        requestTimeoutMs: this.timeoutMs,
        deviceIdentity: device,
        hostDeps: { signDevicePayload: signPayload, publicKeyRawBase64UrlFromPem: publicKeyRaw, logError: () => {} },
        onHelloOk: (hello) => {
          clearTimeout(timer);
          this.gatewayVersion = hello.server.version;
          resolve(client);
        },
        onConnectError: (error) => fail(error),
      });
      this.client = client;
      client.start();
    });
    return this.ready;
  }
}

function toDaily(day: string, row: z.infer<typeof SessionsUsage>["aggregates"]["byModel"][number]): DailyModelUsage {
  const t = row.totals ?? {};
  return {
    day,
    provider: row.provider ?? "",
    model: row.model ?? "unknown",
    inputTokens: Math.round(t.input ?? 0),
    outputTokens: Math.round(t.output ?? 0),
    cacheReadTokens: Math.round(t.cacheRead ?? 0),
    cacheWriteTokens: Math.round(t.cacheWrite ?? 0),
    costUsd: t.totalCost ?? 0,
    missingCostEntries: Math.round(t.missingCostEntries ?? 0),
    calls: Math.round(row.count ?? 0),
  };
}
