import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

// Names and descriptions are what people type, in every script and with every symbol (quotes, `;`, `--`, `<`, emoji…),
// trimmed, with a length limit in characters (code points, as PostgreSQL's char_length counts).
// Only control characters (line breaks too, in names) and invalid Unicode (lone surrogates) are
// refused. Injection is defended where it happens: parameterised SQL and escaping on output.
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINE_BREAKS = /(?![\n\r])\p{Cc}/u;

function text(max: number, min: number, forbidden: RegExp, kind: string) {
  return z
    .string()
    .trim()
    .min(min, { message: "Required" })
    .refine((v) => !LONE_SURROGATE.test(v), { message: "Contains invalid Unicode (a lone surrogate)", abort: true })
    .refine((v) => !forbidden.test(v), { message: `Contains a control character${kind === "name" ? " (names are one line)" : ""}`, abort: true })
    .refine((v) => [...v].length <= max, { message: `At most ${max} characters` })
    .meta({ maxLength: max, description: `Any text, trimmed, at most ${max} characters; control characters${kind === "name" ? "" : " other than line breaks"} are refused` });
}

/** A name (person, team, fleet, agent, token, channel, rule): one line of any text. */
export function label(max: number, min = 1) {
  return text(max, min, CONTROL, "name");
}

/** A description or reason: text of every kind, line breaks included. */
export function note(max: number) {
  return text(max, 0, CONTROL_BUT_LINE_BREAKS, "note");
}

/** Machine-written text (hostnames, model ids, versions): printable ASCII, at most `max` characters. */
export const printableAscii = (max: number) => z.string().max(max).regex(/^[\x20-\x7e]*$/, { message: "Printable ASCII only" });

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
      code: z.enum(["unauthorized", "plan_limit", "forbidden", "two_factor_required", "not_found", "conflict", "invalid_request", "payload_too_large", "rate_limited", "internal", "unavailable"]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
;

export const IdParams = z.object({ id: Id });
