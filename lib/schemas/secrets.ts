import { z } from "zod";
import { Id, note } from "./common";


export const SecretScope = z.enum(["team", "fleet", "agent"]);
const Version = z.number().int().min(0).max(1e12);

// A name becomes an environment variable and a SecretRef id on the gateway: OpenClaw's env id rule.
export const SECRET_NAME_RULE = /^[A-Z][A-Z0-9_]{0,127}$/;
export const SecretName = z
  .string()
  .regex(SECRET_NAME_RULE, {
    message: "A secret's name is an environment variable name: an upper-case letter A-Z, then upper-case letters, digits or underscores, at most 128 characters (e.g. OPENAI_API_KEY)",
  })
  .describe("Environment-variable style: ^[A-Z][A-Z0-9_]{0,127}$ (OpenClaw's rule for env SecretRef ids)");

export const SECRET_VALUE_MAX = 8192;
/** Any string (kept exactly as given, never trimmed), at most 8,192 characters; never returned, logged or audited. */
export const SecretValue = z
  .string()
  .min(1, { message: "Required" })
  .refine((v) => !/\p{Cs}/u.test(v), { message: "Contains invalid Unicode (a lone surrogate)", abort: true })
  .refine((v) => !v.includes("\0"), { message: "Contains a NUL character", abort: true })
  .refine((v) => [...v].length <= SECRET_VALUE_MAX, { message: `At most ${SECRET_VALUE_MAX} characters` })
  .describe(`The value: any text up to ${SECRET_VALUE_MAX} characters. Write-only: never returned`);

const Description = note(500).default("").describe("What the secret is for (any text, shown in the list)");

export const SecretCreateInput = z
  .strictObject({
    name: SecretName,
    value: SecretValue,
    scope: SecretScope,
    targetId: Id.optional().describe("The fleet or agent (absent for the team)"),
    description: Description,
  })
  .refine((v) => (v.scope === "team") === (v.targetId === undefined), { message: "A team secret names no target; a fleet or agent secret names its fleet or agent", path: ["targetId"] });
export type SecretCreateInput = z.infer<typeof SecretCreateInput>;

export const SecretUpdateInput = z
  .strictObject({ value: SecretValue.optional().describe("A new value (rotation)"), description: note(500).optional() })
  .refine((v) => v.value !== undefined || v.description !== undefined, { message: "Give a new value, a new description, or both" });
export type SecretUpdateInput = z.infer<typeof SecretUpdateInput>;

export const Secret = z
  .object({
    id: Id,
    name: z.string(),
    scope: SecretScope,
    targetId: Id,
    targetName: z.string().nullable().describe("The team's, fleet's or agent's name (null once deleted)"),
    mask: z.string().describe("`…` and the value's last four characters when it has at least twelve, else `…` alone"),
    description: z.string(),
    version: Version.describe("The version of its last change (one sequence for every secret)"),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: "Secret" });
export type Secret = z.infer<typeof Secret>;

export const SecretResponse = z.object({ secret: Secret });
export const SecretListResponse = z.object({ secrets: z.array(Secret), nextCursor: z.null() });

export const SecretsConvergenceQuery = z.strictObject({ secretId: Id.optional().describe("Only the agents this secret reaches") });
export const SecretsAgentState = z.enum(["current", "pending", "failed", "no_key"]);
export const SecretsConvergenceResponse = z.object({
  counts: z.object({ current: z.number().int(), pending: z.number().int(), failed: z.number().int(), no_key: z.number().int(), total: z.number().int() }),
  agents: z.array(
    z.object({
      id: Id,
      name: z.string(),
      fleetId: Id,
      status: z.string(),
      appliedVersion: Version,
      effectiveVersion: Version,
      state: SecretsAgentState.describe("no_key: the agent reports no X25519 key (clawfleet before secrets) and cannot receive them"),
      message: z.string().nullable(),
    }),
  ),
});
export type SecretsConvergenceResponse = z.infer<typeof SecretsConvergenceResponse>;
