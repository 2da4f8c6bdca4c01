import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/api/errors";
import { databaseUrl } from "@/lib/db/client";
import { env } from "@/lib/env";
import { processHeartbeat, type HeartbeatReply } from "./ingest";
import { perTurn } from "../per-turn";
import { forgetAgentKey } from "./keys";
import type { BeatIn, FromWorker, ToWorker, WorkerData } from "./worker-protocol";

// The worker's group commit keeps up to three transactions open, plus key look-ups and the jti sweep.
const WORKER_POOL_MAX = 5;

type Waiting = { beat: BeatIn; raw: Buffer; resolve: (reply: HeartbeatReply) => void; reject: (error: unknown) => void };

/**
 * Hands heartbeats to the ingest worker thread and waits for its answer. Next.js' request thread
 * then spends its time on HTTP alone: signature checks, validation and the database round trips
 * happen on the worker. Heartbeats that arrive in the same turn of the event loop travel as one
 * message. If the worker cannot start at all (a runtime without worker threads), heartbeats are
 * processed here instead; if it dies, the heartbeats it held fail with 500 and the next one
 * starts a new worker.
 */
class IngestWorker {
  private worker: Worker | null = null;
  private starting: Promise<Worker | null> | null = null;
  private ready = false;
  private unavailable = false;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private readonly post = perTurn<BeatIn>((beats) => void this.flush(beats));

  submit(authorization: string | null, raw: Buffer): Promise<HeartbeatReply> {
    if (this.unavailable) return processHeartbeat(authorization, raw);
    return new Promise((resolve, reject) => {
      const beat: BeatIn = { id: this.nextId++, authorization, body: raw.toString("latin1") };
      this.waiting.set(beat.id, { beat, raw, resolve, reject });
      this.post(beat);
    });
  }

  forget(agentId: string): void {
    this.worker?.postMessage({ type: "forget", agentId } satisfies ToWorker);
  }

  start(): Promise<Worker | null> {
    this.starting ??= this.spawn();
    return this.starting;
  }

  private async flush(beats: BeatIn[]) {
    const worker = await this.start();
    if (worker) worker.postMessage({ type: "beats", beats } satisfies ToWorker);
    else for (const beat of beats) this.processHere(beat.id);
  }

  private async spawn(): Promise<Worker | null> {
    try {
      const data: WorkerData = { databaseUrl: await databaseUrl(), poolMax: WORKER_POOL_MAX };
      const worker = new Worker(new URL("./worker.ts", import.meta.url), { workerData: data, name: "heartbeat-ingest" });
      worker.unref();
      worker.on("message", (message: FromWorker) => this.receive(message));
      worker.on("error", (error) => console.error("[heartbeat] the ingest worker failed:", error));
      worker.on("exit", (code) => this.exited(worker, code));
      this.worker = worker;
      return worker;
    } catch (error) {
      this.giveUp(error);
      return null;
    }
  }

  private receive(message: FromWorker) {
    if (message.type === "ready") {
      this.ready = true;
      return;
    }
    for (const result of message.results) {
      const waiting = this.waiting.get(result.id);
      if (!waiting) continue;
      this.waiting.delete(result.id);
      if ("error" in result) {
        const { code, message: text, details, headers } = result.error;
        waiting.reject(new AppError(code, text, details, headers));
      } else waiting.resolve(result.reply as HeartbeatReply);
    }
  }

  private exited(worker: Worker, code: number) {
    if (this.worker !== worker) return;
    this.worker = null;
    this.starting = null;
    if (!this.ready) {
      this.giveUp(new Error(`it exited with code ${code} before it was ready`));
      for (const id of [...this.waiting.keys()]) this.processHere(id);
      return;
    }
    this.ready = false;
    console.error(`[heartbeat] the ingest worker exited with code ${code}; starting another for the next heartbeat`);
    const lost = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of lost) w.reject(new AppError("internal", "The heartbeat could not be confirmed; send it again"));
  }

  private giveUp(error: unknown) {
    if (!this.unavailable) console.warn("[heartbeat] no ingest worker thread; processing heartbeats on the request thread:", error instanceof Error ? error.message : error);
    this.unavailable = true;
  }

  private processHere(id: number) {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    processHeartbeat(waiting.beat.authorization, waiting.raw).then(waiting.resolve, waiting.reject);
  }
}

const globalForIngest = globalThis as typeof globalThis & { __ingestWorker?: IngestWorker };
const ingestWorker = () => (globalForIngest.__ingestWorker ??= new IngestWorker());
const enabled = () => env().HEARTBEAT_WORKER === "on";

/** Verifies, validates and commits one heartbeat (on the ingest worker when enabled); resolves after commit. */
export function ingestHeartbeat(authorization: string | null, raw: Buffer): Promise<HeartbeatReply> {
  return enabled() ? ingestWorker().submit(authorization, raw) : processHeartbeat(authorization, raw);
}

/** Starts the ingest worker ahead of the first heartbeat. */
export async function startIngestWorker(): Promise<void> {
  if (enabled()) await ingestWorker().start();
}

/** Drops an agent's cached key everywhere heartbeats are verified (after pairing, revoking or deleting). */
export function forgetAgent(agentId: string): void {
  forgetAgentKey(agentId);
  globalForIngest.__ingestWorker?.forget(agentId);
}
