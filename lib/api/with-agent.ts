import { toErrorResponse } from "@/lib/api/errors";
import { readRawBody } from "@/lib/api/body";

/** For agents: signatures cover the exact bytes, so the handler gets the raw body (at most 64 KiB). */
export function withAgent(handler: (req: Request, raw: Buffer) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      return await handler(req, await readRawBody(req));
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
