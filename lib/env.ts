import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// Every setting the server reads, validated once. A bad value stops start-up with its name.
const boolFlag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
const keyring = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{43,44}(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{43,44})*$/, {
    message: "expected id:base64key[,id:base64key...] with 32-byte keys, the first one active",
  });

// "addr@host" or "Display Name <addr@host>", on one line.
const MAIL_FROM = /^(?:[^<>\r\n\u0000-\u001f]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const error = max === Number.MAX_SAFE_INTEGER ? `must be a whole number, at least ${min}` : `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: whole(1, 65535).default(3000),
  HOSTNAME: z.string().min(1).default("127.0.0.1"),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_MAX: whole(1, 500).default(10),
  DATABASE_PREPARE: boolFlag.optional(),
  SESSION_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  SESSION_TTL_DAYS: whole(1, 365).default(30),
  CRON_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  ENCRYPTION_KEYS: keyring.optional(),
  SIGNUP: z.enum(["open", "closed"]).default("open"),
  ALLOW_PRIVATE_WEBHOOKS: boolFlag.default(false),
  UPSTASH_REDIS_REST_URL: z.url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  NEXT_PUBLIC_SUPABASE_URL: z.url().optional(),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: z.string().min(1).optional(),
  // --- Supabase Realtime (live status): with the project's URL and anon key, the legacy JWT secret
  // (HS256) that Realtime verifies the tokens minted for signed-in people with.
  SUPABASE_JWT_SECRET: z.string().min(32, { message: "must be at least 32 characters (the project's JWT secret)" }).optional(),
  // --- end Supabase Realtime
  RATE_LIMIT_API_PER_MINUTE: whole(1).default(1200),
  RATE_LIMIT_PAIRING_PER_HOUR: whole(1).default(60),
  RATE_LIMIT_SIGNUPS_PER_HOUR: whole(1).default(20),
  RATE_LIMIT_HEARTBEATS_PER_MINUTE: whole(1).default(20),
  // Heartbeats are verified and written on a worker thread, leaving the request thread to HTTP
  // (not on Vercel, where each function instance answers one request at a time anyway).
  HEARTBEAT_WORKER: z.enum(["on", "off"]).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // The server runs its scheduled jobs itself unless told not to (on Vercel, Vercel Cron calls them).
  SCHEDULER: z.enum(["on", "off"]).optional(),
  // Set by Vercel in its builds and functions: no writable disk, no process that outlives a request.
  VERCEL: z.string().optional(),
  // Billing is on only with both Stripe keys; without them every plan limit is unlimited (self-hosted).
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, { message: "expected a Stripe secret key (sk_test_… or sk_live_…)" }).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, { message: "expected a Stripe webhook signing secret (whsec_…)" }).optional(),
  STRIPE_PRICE_TEAM: z.string().regex(/^price_\w+$/, { message: "expected a Stripe price id (price_…)" }).optional(),
  STRIPE_PRICE_BUSINESS: z.string().regex(/^price_\w+$/, { message: "expected a Stripe price id (price_…)" }).optional(),
  // Where the Stripe client sends its requests (default Stripe's own API); tests point it at a stand-in.
  STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  // Mail goes out only with both: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465.
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "expected smtp://[user:pass@]host[:port] or smtps://…" }).optional(),
  SMTP_FROM: z.string().max(320).regex(MAIL_FROM, { message: "expected an address, e.g. fleet@example.com or OpenClaw Fleet <fleet@example.com>" }).optional(),
  // --- Sign-in through Supabase Auth -------------------------------------------------------------
  // Chosen explicitly (the project's URL and key alone may serve only Realtime): SUPABASE_AUTH=1
  // with NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_ANON_KEY. Access tokens are verified
  // against the project's JWKS; SUPABASE_JWT_SECRET (above) also admits a legacy project's HS256 tokens.
  SUPABASE_AUTH: boolFlag.default(false),
  // --- end of Supabase Auth ----------------------------------------------------------------------
}).superRefine((v, ctx) => {
  if (v.SMTP_URL && !v.SMTP_FROM) ctx.addIssue({ code: "custom", path: ["SMTP_FROM"], message: "must be set when SMTP_URL is set (the address mail is sent from)" });
  for (const issue of supabaseAuthIssues(v)) ctx.addIssue({ code: "custom", ...issue });
  const missing = !v.STRIPE_SECRET_KEY && v.STRIPE_WEBHOOK_SECRET ? "STRIPE_SECRET_KEY" : v.STRIPE_SECRET_KEY && !v.STRIPE_WEBHOOK_SECRET ? "STRIPE_WEBHOOK_SECRET" : null;
  if (missing) ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with the other Stripe key (both or neither)" });
  for (const name of supabaseRealtimeMissing(v)) ctx.addIssue({ code: "custom", path: [name], message: "must be set for Supabase Realtime (SUPABASE_JWT_SECRET is set)" });
  // On Vercel nothing can be embedded or generated on a local disk: the database and the secrets
  // come from the environment, each named when missing.
  if (v.VERCEL) {
    for (const name of ["DATABASE_URL", "SESSION_SECRET", "CRON_SECRET", "ENCRYPTION_KEYS"] as const) {
      if (!v[name]) ctx.addIssue({ code: "custom", path: [name], message: "must be set on Vercel (no local disk for an embedded database or generated secrets)" });
    }
  }
}).transform((v) => ({
  ...v,
  HEARTBEAT_WORKER: v.HEARTBEAT_WORKER ?? (v.VERCEL ? "off" : "on"),
  SCHEDULER: v.SCHEDULER ?? (v.VERCEL ? "off" : "on"),
}));

/** Supabase Realtime needs the project's URL and anon key beside its JWT secret: the ones missing. */
function supabaseRealtimeMissing(v: { SUPABASE_JWT_SECRET?: string; NEXT_PUBLIC_SUPABASE_URL?: string; NEXT_PUBLIC_SUPABASE_ANON_KEY?: string }): string[] {
  // With one of the two set, the pair is checked below (supabaseAuthIssues) and named once.
  if (!v.SUPABASE_JWT_SECRET || v.NEXT_PUBLIC_SUPABASE_URL || v.NEXT_PUBLIC_SUPABASE_ANON_KEY) return [];
  return (["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_ANON_KEY"] as const).filter((name) => !v[name]);
}

/** Supabase Auth needs the project's URL and anon key; a half-configured project stops start-up. */
function supabaseAuthIssues(v: { SUPABASE_AUTH: boolean; NEXT_PUBLIC_SUPABASE_URL?: string; NEXT_PUBLIC_SUPABASE_ANON_KEY?: string }) {
  const issues: { path: string[]; message: string }[] = [];
  const url = v.NEXT_PUBLIC_SUPABASE_URL;
  const key = v.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (url && !/^https?:$/.test(new URL(url).protocol)) issues.push({ path: ["NEXT_PUBLIC_SUPABASE_URL"], message: "must be the project's http(s) URL" });
  if (v.SUPABASE_AUTH || url || key) {
    const why = v.SUPABASE_AUTH ? "is required by SUPABASE_AUTH=1" : "must be set together with the other Supabase setting (both or neither)";
    if (!url) issues.push({ path: ["NEXT_PUBLIC_SUPABASE_URL"], message: why });
    if (!key) issues.push({ path: ["NEXT_PUBLIC_SUPABASE_ANON_KEY"], message: why });
  }
  return issues;
}

type Secrets = { SESSION_SECRET: string; CRON_SECRET: string; ENCRYPTION_KEYS: string };
export type Env = z.infer<typeof EnvSchema> & Secrets & { dataDir: string };

export function parseEnv(source: Record<string, string | undefined>): z.infer<typeof EnvSchema> {
  // Empty strings count as unset, as most hosting dashboards write them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment settings:\n${lines.join("\n")}`);
  }
  return result.data;
}

function generatedSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Secrets;
  const secrets: Secrets = {
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    CRON_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
  };
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return JSON.parse(readFileSync(file, "utf8")) as Secrets;
    throw new Error(
      `SESSION_SECRET, CRON_SECRET and ENCRYPTION_KEYS are not set and ${file} cannot be written (${String(error)}). Set them in the environment.`,
    );
  }
  return secrets;
}

let cached: Env | undefined;

/** Forgets the validated settings, so the next env() reads the environment again (tests that change it). */
export function resetEnv(): void {
  cached = undefined;
}

/** The validated settings; secrets not set in the environment are generated once into DATA_DIR. */
export function env(): Env {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  const dataDir = path.resolve(parsed.DATA_DIR);
  const needsGenerated = !parsed.SESSION_SECRET || !parsed.CRON_SECRET || !parsed.ENCRYPTION_KEYS;
  const generated = needsGenerated ? generatedSecrets(dataDir) : undefined;
  cached = {
    ...parsed,
    dataDir,
    SESSION_SECRET: parsed.SESSION_SECRET ?? generated?.SESSION_SECRET ?? "",
    CRON_SECRET: parsed.CRON_SECRET ?? generated?.CRON_SECRET ?? "",
    ENCRYPTION_KEYS: parsed.ENCRYPTION_KEYS ?? generated?.ENCRYPTION_KEYS ?? "",
  };
  return cached;
}
