import { z } from "zod";

export const RealtimeTokenResponse = z
  .object({
    token: z.string().describe("HS256 JWT for Supabase Realtime: role authenticated, sub the person's id, a few minutes long"),
    expiresAt: z.string().describe("When the token expires (ISO 8601); fetch a new one before"),
    topic: z.string().describe("The active team's private Realtime topic, team:<team id>"),
  })
  .meta({ id: "RealtimeToken" });

export type RealtimeTokenResponse = z.infer<typeof RealtimeTokenResponse>;
