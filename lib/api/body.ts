import type { z } from "zod";
import { AppError } from "./errors";

export const MAX_JSON_BYTES = 64 * 1024;

export const payloadTooLarge = (maxBytes: number) => new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes`);

/** Reads the raw body, at most `maxBytes` (refused early on Content-Length). */
export async function readRawBody(req: Request, maxBytes = MAX_JSON_BYTES): Promise<Buffer> {
  const tooLarge = () => payloadTooLarge(maxBytes);
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads the body (at most `maxBytes`) and parses it as JSON. */
export async function readJson(req: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const text = (await readRawBody(req, maxBytes)).toString("utf8");
  if (text.trim() === "") throw new AppError("invalid_request", "The body must be a JSON object");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_request", "The body is not valid JSON");
  }
}

/** Reads and validates a JSON body against a schema. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  return schema.parse(await readJson(req));
}

/** Validates the query string against a schema. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const params = new URL(req.url).searchParams;
  return schema.parse(Object.fromEntries(params.entries()));
}
