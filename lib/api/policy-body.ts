import type { z } from "zod";
import { formatPath } from "@/lib/policies/checks";
import { readJson } from "./body";
import { AppError } from "./errors";

/**
 * Reads a body carrying a policy document: problems answer 422 with paths as the policy editor
 * shows them, relative to the document (`model.fallbacks[1]`, not `document.model.fallbacks.1`).
 */
export async function parsePolicyBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJson(req));
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: formatPath(i.path[0] === "document" && i.path.length > 1 ? i.path.slice(1) : i.path), message: i.message }));
  throw new AppError("invalid_request", "The request is invalid", details);
}
