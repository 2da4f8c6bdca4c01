import type { TeamContext } from "@/lib/auth/context";
import { eventBus, type FleetEvent } from "./bus";

const KEEP_ALIVE_MS = 15_000;
// A browser this far behind (bytes queued) is dropped; it reconnects and resumes or reloads.
const MAX_QUEUED_BYTES = 1 << 20;

const encoder = new TextEncoder();
const frame = (e: FleetEvent) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ ...e.data, teamId: e.teamId })}\n\n`;

/**
 * Server-Sent Events for one viewer: the team's events from the process's bus, resuming after
 * `lastEventId`, with keep-alive comments so proxies keep the connection open.
 */
export async function openEventStream(ctx: TeamContext, lastEventId: string | null, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const bus = eventBus();
  await bus.start();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        const send = (text: string) => {
          if (closed) return;
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return close();
          controller.enqueue(encoder.encode(text));
        };
        const close = () => {
          if (closed) return;
          closed = true;
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        const { backlog, unsubscribe } = bus.subscribe(ctx.team.id, (event) => send(frame(event)), lastEventId);
        const timer = setInterval(() => send(`: keep-alive ${Date.now()}\n\n`), KEEP_ALIVE_MS);
        cleanup = () => {
          clearInterval(timer);
          unsubscribe();
          signal.removeEventListener("abort", close);
        };
        signal.addEventListener("abort", close);
        send(`retry: 3000\n: connected\n\n`);
        if (backlog === "resync") send(`event: resync\ndata: {}\n\n`);
        else for (const event of backlog) send(frame(event));
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
  );
}
