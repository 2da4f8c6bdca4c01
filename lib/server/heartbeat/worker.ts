// The heartbeat ingest worker thread: verifies signatures, validates bodies and group-commits
// heartbeats with a small pool of its own, answering the request thread in batches.
import { parentPort, workerData } from "node:worker_threads";
import { toAppError } from "@/lib/api/errors";
import { configureDatabase } from "@/lib/db/client";
import { perTurn } from "../per-turn";
import { processHeartbeat } from "./ingest";
import { forgetAgentKey } from "./keys";
import type { BeatOut, FromWorker, ToWorker, WorkerData } from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("worker.ts runs as a worker thread");
const data = workerData as WorkerData;
configureDatabase(data.databaseUrl, data.poolMax);

const send = (message: FromWorker) => port.postMessage(message);

/** Results that settle in the same turn of the event loop (a committed batch) go back as one message. */
const answer = perTurn<BeatOut>((results) => send({ type: "results", results }));

port.on("message", (message: ToWorker) => {
  if (message.type === "forget") {
    forgetAgentKey(message.agentId);
    return;
  }
  for (const beat of message.beats) {
    processHeartbeat(beat.authorization, Buffer.from(beat.body, "latin1")).then(
      (reply) => answer({ id: beat.id, reply }),
      (error: unknown) => {
        const e = toAppError(error);
        if (e.code === "internal") console.error("[heartbeat] unhandled error", error);
        answer({ id: beat.id, error: { code: e.code, message: e.message, details: e.details, headers: e.headers } });
      },
    );
  }
});

send({ type: "ready" });
