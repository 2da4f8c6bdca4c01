import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

// Labels (names of people, teams, fleets, tokens) are plain text: letters, digits, spaces and a
// little punctuation. Markup, quotes-with-operators and statement separators are refused at the door.
const LABEL = /^[\p{L}\p{N}\p{M} _.,'()&/#+:@!?-]*$/u;

export function label(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min, { message: min > 0 ? "Required" : undefined })
    .max(max, { message: `At most ${max} characters` })
    .refine((v) => LABEL.test(v) && !v.includes("--"), {
      message: "Use letters, digits, spaces and - _ . , ' ( ) & / # + : @ ! ? only",
    });
}

/** Short free text (descriptions): the label characters plus line breaks, % * [ ] and quotes-free prose. */
const NOTE = /^[\p{L}\p{N}\p{M} \n\t_.,'()&/#+:@!?%*[\]-]*$/u;

export function note(max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters` })
    .refine((v) => NOTE.test(v) && !v.includes("--"), {
      message: "Use letters, digits, spaces, line breaks and - _ . , ' ( ) & / # + : @ ! ? % * [ ] only",
    });
}

export const Id = z.uuid({ message: "Must be a UUID" });
export const Email = z.string().trim().toLowerCase().pipe(z.email({ message: "Must be an e-mail address" }).max(254));
export const RoleSchema = z.enum(ROLES);
export const Timestamp = z.iso.datetime({ offset: true });

export const CursorQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(["unauthorized", "forbidden", "not_found", "conflict", "invalid_request", "payload_too_large", "rate_limited", "internal"]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
;

export const IdParams = z.object({ id: Id });
