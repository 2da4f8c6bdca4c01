import type { ErrorCode } from "@/lib/api/errors";

/** What the request thread and the ingest worker say to each other. */
export type WorkerData = { databaseUrl: string; poolMax: number };

/** A heartbeat as received: the body travels as a latin1 string, which keeps every byte as it was. */
export type BeatIn = { id: number; authorization: string | null; body: string };

export type BeatOut =
  | { id: number; reply: unknown }
  | { id: number; error: { code: ErrorCode; message: string; details?: unknown; headers?: Record<string, string> } };

export type ToWorker = { type: "beats"; beats: BeatIn[] } | { type: "forget"; agentId: string };
export type FromWorker = { type: "ready" } | { type: "results"; results: BeatOut[] };
