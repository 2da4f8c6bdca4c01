import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_JSON_BYTES, payloadTooLarge } from "@/lib/api/body";
import { AppError, errorAnswer } from "@/lib/api/errors";
import { SECURITY_HEADERS } from "@/lib/security-headers";
import { ingestHeartbeat } from "./offload";

/** The key under which the production server (scripts/server.mjs) finds `serveHeartbeat`. */
export const HEARTBEAT_FRONT = Symbol.for("openclaw-fleet.serveHeartbeat");

const BASE_HEADERS = Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value]));

/** The raw body of a Node request, at most `maxBytes` (refused early on Content-Length). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => payloadTooLarge(maxBytes);
  if (Number(req.headers["content-length"] ?? "0") > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off("data", onData);
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)));
    req.once("error", reject);
    // A client that hangs up mid-body gets no answer; this only settles the wait.
    req.once("close", () => {
      if (!req.complete) reject(new AppError("invalid_request", "The body ended early"));
    });
  });
}

/**
 * `POST /api/heartbeat` answered on Node's own request and response objects: the same checks,
 * ingest and contract-shaped answers as the App Router handler in app/api/heartbeat/route.ts,
 * without the framework's per-request work (routing, web streams, response conversion). The
 * production server hands heartbeats here, the bulk of a fleet's traffic; everything else, and
 * every request under `next dev`, goes through Next.js.
 */
export async function serveHeartbeat(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let answer: { status: number; body: unknown; headers: Record<string, string> };
  try {
    const raw = await readBody(req, MAX_JSON_BYTES);
    answer = { status: 200, body: await ingestHeartbeat(req.headers.authorization ?? null, raw), headers: { "Cache-Control": "no-store" } };
  } catch (error) {
    const { code, ...rest } = errorAnswer(error);
    answer = rest;
    // An oversized body is not read to its end: close the connection rather than drain it.
    if (code === "payload_too_large") answer.headers = { ...answer.headers, Connection: "close" };
  }
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...BASE_HEADERS, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...answer.headers });
  res.end(text);
}
