import { z } from "zod";
import { Timestamp } from "./common";

const HOUR_MS = 3_600_000;
export const MAX_RANGE_MS = 31 * 24 * HOUR_MS;
export const MAX_CUSTOM_SERIES = 20;

/** A chart window: `from`/`to` (default the last 24 h) and how many buckets to reduce it to. */
export const MetricsQuery = z
  .strictObject({
    from: Timestamp.optional(),
    to: Timestamp.optional(),
    points: z.coerce.number().int().min(10).max(1000).default(300),
  })
  .transform((q, ctx) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 24 * HOUR_MS);
    if (from >= to) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) ctx.addIssue({ code: "custom", path: ["from"], message: "At most 31 days at once" });
    return { from, to, points: q.points };
  });
export type MetricsQuery = z.output<typeof MetricsQuery>;

const n = z.number().nullable();
/** One bucket: averages, plus the peaks where a spike matters (CPU, memory pressure, RTT). */
export const MetricPoint = z.object({
  t: z.string().describe("Start of the bucket"),
  samples: z.number().int(),
  cpuPct: n,
  cpuPctMax: n,
  memUsedPct: n,
  memPressurePct: n,
  memPressurePctMax: n,
  diskReadBps: n,
  diskWriteBps: n,
  load1: n,
  rttMs: n,
  rttMsMax: n,
});
export type MetricPoint = z.infer<typeof MetricPoint>;
export const MetricsResponse = z.object({
  metrics: z.object({ from: z.string(), to: z.string(), bucketS: z.number(), points: z.array(MetricPoint) }),
});

/** One custom metric in one bucket: the average and the peak of its numeric values. */
export const CustomPoint = z.object({ t: z.string().describe("Start of the bucket"), samples: z.number().int(), avg: z.number(), max: z.number() });
export type CustomPoint = z.infer<typeof CustomPoint>;
export const CustomSeries = z.object({ key: z.string(), points: z.array(CustomPoint) });
export type CustomSeries = z.infer<typeof CustomSeries>;
export const CustomMetricsResponse = z.object({
  customMetrics: z.object({
    from: z.string(),
    to: z.string(),
    bucketS: z.number(),
    series: z.array(CustomSeries).describe(`The numeric custom keys seen in the window, by name: at most ${MAX_CUSTOM_SERIES}, those in the most heartbeats`),
    omittedKeys: z.number().int().describe("Further numeric keys seen in the window and left out"),
  }),
});
export type CustomMetrics = z.infer<typeof CustomMetricsResponse>["customMetrics"];

export const HeartbeatRow = z.object({
  receivedAt: z.string(),
  seq: z.number().int(),
  status: z.string(),
  gatewayHealthy: z.boolean().nullable(),
  rttMs: n,
  cpuPct: n,
  memUsedPct: n,
});
export type HeartbeatRow = z.infer<typeof HeartbeatRow>;
export const HeartbeatListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const HeartbeatListResponse = z.object({ heartbeats: z.array(HeartbeatRow), nextCursor: z.null() });
