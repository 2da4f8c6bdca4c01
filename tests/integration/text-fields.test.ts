import { describe, expect, it } from "vitest";
import { ROUTES } from "@/lib/api/routes";
import { db } from "@/lib/db/client";
import { call, cookiesFrom } from "../helpers/api";
import { INJECTIONS, TEXT, VALID, createSampleWorld, type World } from "../helpers/samples";

// Text is what people type: SQL and script injection strings in every name, description and reason
// are stored verbatim and read back byte for byte through the API (the pages render them as text:
// tests/e2e/text-as-typed.spec.ts). The defence is parameterised SQL and escaping on output.

type Created = Record<string, { id?: string; [field: string]: unknown } | undefined>;

// Where each route's resource is read back: the wrapper in its answer and the GET that reads it.
// `fixed`: text-shaped fields with a rule of their own (a secret's name is an environment variable name), kept as sampled.
const READ_BACK: Record<string, { wrapper: string; fixed?: string[]; read: (w: World, id: string, cookie: string) => Promise<Record<string, unknown> | undefined> }> = {
  "POST /api/auth/signup": { wrapper: "user", read: async (_w, _id, cookie) => (await call<{ user: Record<string, unknown> }>("GET", "/api/me", { cookie })).body.user },
  "PATCH /api/me": { wrapper: "user", read: async (w) => (await call<{ user: Record<string, unknown> }>("GET", "/api/me", { cookie: w.owner.cookie })).body.user },
  "POST /api/tokens": { wrapper: "apiToken", read: async (w, id) => (await call<{ apiTokens: { id: string }[] }>("GET", "/api/tokens?limit=200", { cookie: w.owner.cookie })).body.apiTokens.find((t) => t.id === id) },
  "POST /api/teams": { wrapper: "team", read: async (w, id) => (await call<{ team: Record<string, unknown> }>("GET", `/api/teams/${id}`, { cookie: w.owner.cookie })).body.team },
  "PATCH /api/teams/{id}": { wrapper: "team", read: async (w, id) => (await call<{ team: Record<string, unknown> }>("GET", `/api/teams/${id}`, { cookie: w.owner.cookie })).body.team },
  "POST /api/fleets": { wrapper: "fleet", read: async (w, id) => (await call<{ fleet: Record<string, unknown> }>("GET", `/api/fleets/${id}`, { cookie: w.owner.cookie })).body.fleet },
  "PATCH /api/fleets/{id}": { wrapper: "fleet", read: async (w, id) => (await call<{ fleet: Record<string, unknown> }>("GET", `/api/fleets/${id}`, { cookie: w.owner.cookie })).body.fleet },
  "POST /api/agents": { wrapper: "agent", read: async (w, id) => (await call<{ agent: Record<string, unknown> }>("GET", `/api/agents/${id}`, { cookie: w.owner.cookie })).body.agent },
  "PATCH /api/agents/{id}": { wrapper: "agent", read: async (w, id) => (await call<{ agent: Record<string, unknown> }>("GET", `/api/agents/${id}`, { cookie: w.owner.cookie })).body.agent },
  "POST /api/alerts/channels": { wrapper: "channel", read: async (w, id) => (await call<{ channel: Record<string, unknown> }>("GET", `/api/alerts/channels/${id}`, { cookie: w.owner.cookie })).body.channel },
  "PATCH /api/alerts/channels/{id}": { wrapper: "channel", read: async (w, id) => (await call<{ channel: Record<string, unknown> }>("GET", `/api/alerts/channels/${id}`, { cookie: w.owner.cookie })).body.channel },
  "POST /api/alerts/rules": { wrapper: "rule", read: async (w, id) => (await call<{ rule: Record<string, unknown> }>("GET", `/api/alerts/rules/${id}`, { cookie: w.owner.cookie })).body.rule },
  "PATCH /api/alerts/rules/{id}": { wrapper: "rule", read: async (w, id) => (await call<{ rule: Record<string, unknown> }>("GET", `/api/alerts/rules/${id}`, { cookie: w.owner.cookie })).body.rule },
  "POST /api/prices": { wrapper: "price", read: async (w, id) => (await call<{ prices: { id: string }[] }>("GET", "/api/prices?provider=local&model=llama3:8b", { cookie: w.owner.cookie })).body.prices.find((p) => p.id === id) },
  "POST /api/budgets": { wrapper: "budget", read: async (w, id) => (await call<{ budget: Record<string, unknown> }>("GET", `/api/budgets/${id}`, { cookie: w.owner.cookie })).body.budget },
  "PATCH /api/budgets/{id}": { wrapper: "budget", read: async (w, id) => (await call<{ budget: Record<string, unknown> }>("GET", `/api/budgets/${id}`, { cookie: w.owner.cookie })).body.budget },
  "PUT /api/policies/{id}": {
    wrapper: "revision",
    read: async (w, id) => {
      w.policyRevision = Number(id); // the next revision replaces this one
      return (await call<{ revision: Record<string, unknown> }>("GET", `/api/policies/${w.policyId}/revisions/${id}`, { cookie: w.owner.cookie })).body.revision;
    },
  },
  "POST /api/secrets": { wrapper: "secret", fixed: ["name"], read: async (w, id) => (await call<{ secrets: { id: string }[] }>("GET", "/api/secrets", { cookie: w.owner.cookie })).body.secrets.find((s) => s.id === id) },
  "PUT /api/secrets/{id}": { wrapper: "secret", read: async (w, id) => (await call<{ secrets: { id: string }[] }>("GET", "/api/secrets", { cookie: w.owner.cookie })).body.secrets.find((s) => s.id === id) },
  "POST /api/rotations": { wrapper: "rotation", read: async (w, id) => (await call<{ rotation: Record<string, unknown> }>("GET", `/api/rotations/${id}`, { cookie: w.owner.cookie })).body.rotation },
  "PATCH /api/me/passkeys/{id}": { wrapper: "passkey", read: async (w, id) => (await call<{ passkeys: { id: string }[] }>("GET", "/api/me/passkeys", { cookie: w.owner.cookie })).body.passkeys.find((p) => p.id === id) },
  "POST /api/silences": { wrapper: "silence", read: async (w, id) => (await call<{ silences: { id: string }[] }>("GET", "/api/silences", { cookie: w.owner.cookie })).body.silences.find((s) => s.id === id) },
};

const textRoutes = Object.keys(READ_BACK);
const bodyRoutes = ROUTES.filter((r) => r.body && r.access !== "agent").map((r) => `${r.method} ${r.path}`);

describe("names, descriptions and reasons keep what people type", () => {
  it("covers every route that takes free text", async () => {
    const w = await createSampleWorld();
    const withText = bodyRoutes.filter((key) => Object.entries(VALID[key]?.(w).body ?? {}).some(([k, v]) => TEXT.has(k) && typeof v === "string"));
    expect(withText.length).toBeGreaterThan(10);
    expect(withText.sort()).toEqual([...textRoutes].sort());
  });

  it.each(textRoutes)("%s: injection strings are stored verbatim and read back byte for byte", async (key) => {
    // A world of its own: names are unique in a team, and other routes store the same strings.
    const w = await createSampleWorld();
    const [method = "POST"] = key.split(" ");
    const spec = READ_BACK[key];
    if (!spec) throw new Error(`no read-back for ${key}`);
    for (const injection of INJECTIONS) {
      const sample = VALID[key]?.(w);
      if (!sample) throw new Error(`no sample for ${key}`);
      const fields = Object.keys(sample.body).filter((k) => TEXT.has(k) && typeof sample.body[k] === "string" && !spec.fixed?.includes(k));
      // Names and descriptions are trimmed; a leading and trailing space shows that and nothing else changes.
      const body = { ...sample.body, ...Object.fromEntries(fields.map((f) => [f, ` ${injection} `])) };
      const res = await call<Created>(method, sample.path, { cookie: w.owner.cookie, body });
      expect(res.status, `${key} ${JSON.stringify(res.body)}`).toBeLessThan(300);
      const answered = res.body[spec.wrapper];
      const id = answered?.id ?? "";
      const stored = await spec.read(w, id, cookiesFrom(res.headers) || w.owner.cookie);
      for (const field of fields) {
        expect(answered?.[field], `${key} answered ${field}`).toBe(injection);
        expect(stored?.[field], `${key} read back ${field}`).toBe(injection);
        expect(Buffer.from(String(stored?.[field])).equals(Buffer.from(injection)), "byte for byte").toBe(true);
      }
    }
  });

  it("leaves every table in place and stores the exact bytes", async () => {
    const sql = await db();
    const tables = await sql<{ n: number }[]>`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename in ('fleets', 'users', 'teams', 'agents', 'alert_rules')`;
    expect(tables[0]?.n).toBe(5);
    const [row] = await sql<{ name: string }[]>`select name from fleets where name = ${INJECTIONS[5] ?? ""} limit 1`;
    expect(row?.name).toBe("<img src=x onerror=alert(1)>'; drop table fleets;--");
  });
});
