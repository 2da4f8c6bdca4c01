import { beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secrets";
import { generateBoxKey, openSecrets } from "@/lib/crypto/sealed-secrets";
import { db } from "@/lib/db/client";
import { SealedSecrets } from "@/lib/schemas/secrets-delivery";
import { rotateTeamSecrets } from "@/lib/server/secrets/rotate";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { addMember, createFleet, createUser, type TestUser } from "../factories";

// Team secrets: write-only through the API (masked), encrypted at rest, delivered through signed
// heartbeats sealed to each agent's own X25519 key, effective per agent (agent over fleet over
// team), versioned so that every change (a tombstone too, a fleet move too) reaches the agent.

type Secret = { id: string; name: string; scope: string; targetId: string; mask: string; description: string; version: number };
type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
type Convergence = { counts: Record<string, number>; agents: { id: string; state: string; message: string | null; appliedVersion: number; effectiveVersion: number }[] };
type Box = { x: string; d: string };

const VALUES = {
  team: "sk-team-0123456789-TEAMVALUE",
  fleet: "sk-fleet-abcdefghij-FLEETVALUE",
  agent: "sk-agent-ZYXWVUTSRQ-AGENTVALUE",
  rotated: "sk-rotated-9876543210-ROTATED",
  short: "tiny-Value1",
  fleetOnly: "fleet-a-only-token-ONLYFLEETA",
};

describe("secrets", () => {
  let owner: TestUser;
  let viewer: TestUser;
  let maintainer: TestUser;
  let other: TestUser;
  let fleetA: string;
  let fleetB: string;
  let a1: PairedAgent;
  let b1: PairedAgent;
  let noKey: PairedAgent;
  const boxes = new Map<string, Box>();
  const applied = new Map<string, number>();
  let teamSecret: Secret;

  const create = (body: Record<string, unknown>, user = owner) => call<{ secret: Secret } & ErrorBody>("POST", "/api/secrets", { cookie: user.cookie, body });
  const put = (id: string, body: Record<string, unknown>, user = owner) => call<{ secret: Secret } & ErrorBody>("PUT", `/api/secrets/${id}`, { cookie: user.cookie, body });
  const convergence = async (query = "") => (await call<Convergence>("GET", `/api/secrets/convergence${query}`, { cookie: owner.cookie })).body;

  /** One heartbeat reporting the version the agent last opened; returns the raw answer and what it opens to. */
  async function beat(agent: PairedAgent, extra: Record<string, unknown> = {}) {
    const box = boxes.get(agent.id);
    const res = await sendHeartbeat(agent, { ...(box ? { boxKey: box.x } : {}), secretsVersion: applied.get(agent.id) ?? 0, ...extra });
    expect(res.status).toBe(200);
    const raw = JSON.stringify(res.body);
    const sealed = (res.body as { secrets?: unknown }).secrets;
    if (!sealed || !box) return { raw, opened: null };
    const opened = openSecrets(SealedSecrets.parse(sealed), agent.id, box);
    applied.set(agent.id, opened.version);
    return { raw, opened, sealed: SealedSecrets.parse(sealed) };
  }
  const valuesOf = (opened: { secrets: { name: string; value: string }[] } | null) => Object.fromEntries((opened?.secrets ?? []).map((s) => [s.name, s.value]));

  beforeAll(async () => {
    owner = await createUser("secrets-owner");
    viewer = await addMember(owner.teamId, "viewer");
    maintainer = await addMember(owner.teamId, "maintainer");
    other = await createUser("secrets-other");
    fleetA = (await createFleet(owner, "Secrets A")).id;
    fleetB = (await createFleet(owner, "Secrets B")).id;
    a1 = await pairAgent(owner, (await createAgent(owner, fleetA, { name: "a1" })).id);
    b1 = await pairAgent(owner, (await createAgent(owner, fleetB, { name: "b1" })).id);
    noKey = await pairAgent(owner, (await createAgent(owner, fleetA, { name: "old-agent" })).id);
    boxes.set(a1.id, generateBoxKey());
    boxes.set(b1.id, generateBoxKey());
  });

  it("stores a secret write-only: the answer and the list carry a mask, never the value", async () => {
    const res = await create({ name: "OPENAI_API_KEY", value: VALUES.team, scope: "team", description: "The team's key" });
    expect(res.status).toBe(201);
    teamSecret = res.body.secret;
    expect(teamSecret).toMatchObject({ name: "OPENAI_API_KEY", scope: "team", targetId: owner.teamId, mask: `…${VALUES.team.slice(-4)}` });
    expect(JSON.stringify(res.body)).not.toContain(VALUES.team);
    const short = await create({ name: "SHORT_ONE", value: VALUES.short, scope: "team" }, maintainer);
    expect(short.status).toBe(201);
    expect(short.body.secret.mask).toBe("…");
    const list = await call<{ secrets: Secret[] }>("GET", "/api/secrets", { cookie: viewer.cookie });
    expect(list.status).toBe(200);
    expect(list.body.secrets.map((s) => s.name)).toEqual(["OPENAI_API_KEY", "SHORT_ONE"]);
    expect(JSON.stringify(list.body)).not.toContain(VALUES.team);
    expect(JSON.stringify(list.body)).not.toContain(VALUES.short);
    expect(JSON.stringify(list.body)).not.toContain("ciphertext");
  });

  it("refuses bad names and values with 422 and the rule, a second secret of one name and level with 409, and leaves nothing behind", async () => {
    const before = (await call<{ secrets: Secret[] }>("GET", "/api/secrets", { cookie: owner.cookie })).body.secrets.length;
    for (const name of ["openai_key", "1KEY", "MY-KEY", "MY KEY", "", `K${"X".repeat(128)}`, "KÉY"]) {
      const res = await create({ name, value: "v", scope: "team" });
      expect(res.status, name).toBe(422);
      expect(res.body.error.details?.[0]).toMatchObject({ path: "name", message: expect.stringContaining("environment variable name") });
    }
    expect((await create({ name: "OK_NAME", value: "", scope: "team" })).status).toBe(422);
    expect((await create({ name: "OK_NAME", value: "x".repeat(8193), scope: "team" })).status).toBe(422);
    expect((await create({ name: "OK_NAME", value: "a\u0000b", scope: "team" })).status).toBe(422);
    expect((await create({ name: "OK_NAME", value: "v", scope: "team", targetId: fleetA })).status).toBe(422);
    expect((await create({ name: "OK_NAME", value: "v", scope: "fleet" })).status).toBe(422);
    expect((await create({ name: "OK_NAME", value: "v", scope: "team", extra: 1 })).status).toBe(422);
    expect((await create({ name: "OK_NAME", value: "v", scope: "planet" })).status).toBe(422);
    const huge = await call("POST", "/api/secrets", { cookie: owner.cookie, rawBody: JSON.stringify({ name: "OK_NAME", value: "x".repeat(70_000), scope: "team" }) });
    expect(huge.status).toBe(413);
    const dup = await create({ name: "OPENAI_API_KEY", value: "another", scope: "team" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "conflict", details: { secretId: teamSecret.id } });
    expect((await put(teamSecret.id, {})).status).toBe(422);
    expect((await put(teamSecret.id, { value: "" })).status).toBe(422);
    expect((await call<{ secrets: Secret[] }>("GET", "/api/secrets", { cookie: owner.cookie })).body.secrets.length).toBe(before);
  });

  it("lets viewers read only, and answers another team's secrets, fleets and agents with 404", async () => {
    expect((await create({ name: "VIEWER_TRY", value: "v", scope: "team" }, viewer)).status).toBe(403);
    expect((await put(teamSecret.id, { value: "nope" }, viewer)).status).toBe(403);
    expect((await call("DELETE", `/api/secrets/${teamSecret.id}`, { cookie: viewer.cookie })).status).toBe(403);
    expect((await call("GET", "/api/secrets/convergence", { cookie: viewer.cookie })).status).toBe(200);
    expect((await put(teamSecret.id, { value: "theirs" }, other)).status).toBe(404);
    expect((await call("DELETE", `/api/secrets/${teamSecret.id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await call("GET", `/api/secrets/convergence?secretId=${teamSecret.id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await create({ name: "THEIRS", value: "v", scope: "fleet", targetId: fleetA }, other)).status).toBe(404);
    expect((await create({ name: "THEIRS", value: "v", scope: "agent", targetId: a1.id }, other)).status).toBe(404);
    expect((await call<{ secrets: Secret[] }>("GET", "/api/secrets", { cookie: other.cookie })).body.secrets).toEqual([]);
    expect((await call("GET", "/api/secrets")).status).toBe(401);
    expect((await put("not-a-uuid", { value: "v" })).status).toBe(404);
  });

  it("keeps descriptions verbatim, injection strings and any script included", async () => {
    for (const description of ["'; drop table secrets; --", "<script>alert(1)</script>", "Ключ API 🔑 \"quoted\" `tick` ${x}", "line one\nline two"]) {
      const res = await create({ name: `DESC_${Math.random().toString(36).slice(2, 8).toUpperCase()}`, value: "v", scope: "team", description });
      expect(res.status).toBe(201);
      expect(res.body.secret.description).toBe(description);
      const updated = await put(res.body.secret.id, { description: `${description}!` });
      expect(updated.body.secret.description).toBe(`${description}!`);
      expect(updated.body.secret.version).toBe(res.body.secret.version);
      expect((await call("DELETE", `/api/secrets/${res.body.secret.id}`, { cookie: owner.cookie })).status).toBe(204);
    }
  });

  it("delivers each agent its effective set sealed to its own key, agent over fleet over team, and nothing in clear", async () => {
    expect((await create({ name: "OPENAI_API_KEY", value: VALUES.fleet, scope: "fleet", targetId: fleetA })).status).toBe(201);
    expect((await create({ name: "FLEET_A_ONLY", value: VALUES.fleetOnly, scope: "fleet", targetId: fleetA })).status).toBe(201);
    expect((await create({ name: "OPENAI_API_KEY", value: VALUES.agent, scope: "agent", targetId: b1.id })).status).toBe(201);

    const a = await beat(a1);
    expect(valuesOf(a.opened)).toEqual({ OPENAI_API_KEY: VALUES.fleet, FLEET_A_ONLY: VALUES.fleetOnly, SHORT_ONE: VALUES.short });
    const b = await beat(b1);
    expect(valuesOf(b.opened)).toEqual({ OPENAI_API_KEY: VALUES.agent, SHORT_ONE: VALUES.short });
    for (const value of Object.values(VALUES)) {
      expect(a.raw).not.toContain(value);
      expect(b.raw).not.toContain(value);
    }
    // An agent of another fleet holds another key: the bundle sealed for a1 does not open with it.
    const sealedForA = a.sealed as SealedSecrets;
    expect(() => openSecrets(sealedForA, a1.id, boxes.get(b1.id) as Box)).toThrow();
    expect(() => openSecrets(sealedForA, b1.id, boxes.get(a1.id) as Box)).toThrow();

    // Up to date: nothing more is sent.
    expect((await beat(a1)).opened).toBeNull();
    expect((await beat(b1)).opened).toBeNull();
  });

  it("moves the effective version on rotation, deletion and a fleet move, and reaches every agent in scope", async () => {
    const aBefore = applied.get(a1.id) ?? 0;
    const bBefore = applied.get(b1.id) ?? 0;
    const rotated = await put(teamSecret.id, { value: VALUES.rotated });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret.version).toBeGreaterThan(teamSecret.version);
    expect(rotated.body.secret.mask).toBe(`…${VALUES.rotated.slice(-4)}`);
    // a1's OPENAI_API_KEY comes from its fleet, yet its version moves; b1 runs its own.
    const a = await beat(a1);
    expect(a.opened?.version).toBeGreaterThan(aBefore);
    expect(valuesOf(a.opened).OPENAI_API_KEY).toBe(VALUES.fleet);
    const b = await beat(b1);
    expect(b.opened?.version).toBeGreaterThan(bBefore);

    const [agentLevel] = (await call<{ secrets: Secret[] }>("GET", "/api/secrets", { cookie: owner.cookie })).body.secrets.filter((s) => s.scope === "agent");
    expect((await call("DELETE", `/api/secrets/${agentLevel?.id}`, { cookie: owner.cookie })).status).toBe(204);
    const afterDelete = await beat(b1);
    expect(valuesOf(afterDelete.opened)).toEqual({ OPENAI_API_KEY: VALUES.rotated, SHORT_ONE: VALUES.short });
    expect((await beat(a1)).opened).toBeNull();

    // A fleet move changes the set without any secret changing: the agent's epoch moves its version.
    const beforeMove = applied.get(b1.id) ?? 0;
    expect((await call("PATCH", `/api/agents/${b1.id}`, { cookie: owner.cookie, body: { fleetId: fleetA } })).status).toBe(200);
    const moved = await beat(b1);
    expect(moved.opened?.version).toBeGreaterThan(beforeMove);
    expect(valuesOf(moved.opened)).toEqual({ OPENAI_API_KEY: VALUES.fleet, FLEET_A_ONLY: VALUES.fleetOnly, SHORT_ONE: VALUES.short });
    expect((await call("PATCH", `/api/agents/${b1.id}`, { cookie: owner.cookie, body: { fleetId: fleetB } })).status).toBe(200);
    const back = await beat(b1);
    expect(valuesOf(back.opened)).toEqual({ OPENAI_API_KEY: VALUES.rotated, SHORT_ONE: VALUES.short });
  });

  it("shows convergence: current, pending, failed with the reason, and agents without a key", async () => {
    await sendHeartbeat(noKey, { secretsVersion: 0 });
    expect((await beat(a1, { secretsStatus: { version: applied.get(a1.id), status: "applied" } })).opened).toBeNull();
    const rotated = await put(teamSecret.id, { value: `${VALUES.rotated}-2` });
    const version = rotated.body.secret.version;
    let view = await convergence();
    const state = (id: string) => view.agents.find((x) => x.id === id);
    expect(state(noKey.id)).toMatchObject({ state: "no_key", message: expect.stringContaining("upgrade clawfleet") });
    expect(state(a1.id)).toMatchObject({ state: "pending", effectiveVersion: version });
    // The agent got the set but the gateway refused it: it keeps reporting the version it runs.
    const a = await beat(a1, { secretsVersion: applied.get(a1.id) });
    const failedVersion = a.opened?.version ?? 0;
    applied.set(a1.id, failedVersion - 1);
    await sendHeartbeat(a1, { boxKey: boxes.get(a1.id)?.x, secretsVersion: 1, secretsStatus: { version: failedVersion, status: "failed", message: "secrets.reload failed" } });
    view = await convergence();
    expect(state(a1.id)).toMatchObject({ state: "failed", message: "secrets.reload failed" });
    await sendHeartbeat(a1, { boxKey: boxes.get(a1.id)?.x, secretsVersion: failedVersion, secretsStatus: { version: failedVersion, status: "applied" } });
    view = await convergence();
    expect(state(a1.id)).toMatchObject({ state: "current", appliedVersion: failedVersion });
    expect(view.counts.total).toBe(3);
    // Per secret: a fleet secret reaches that fleet's agents only.
    const fleetSecret = (await call<{ secrets: Secret[] }>("GET", "/api/secrets", { cookie: owner.cookie })).body.secrets.find((s) => s.name === "FLEET_A_ONLY");
    const scoped = await convergence(`?secretId=${fleetSecret?.id}`);
    expect(scoped.agents.map((x) => x.id).sort()).toEqual([a1.id, noKey.id].sort());
  });

  it("audits every change with name, scope and version, never the value", async () => {
    const sql = await db();
    const rows = await sql<{ action: string; before: unknown; after: unknown }[]>`
      select action, before, after from audit_log where team_id = ${owner.teamId} and target_type = 'secret' order by created_at`;
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(["secret.create", "secret.rotate", "secret.update", "secret.delete"]));
    expect(rows.find((r) => r.action === "secret.rotate")?.after).toMatchObject({ name: "OPENAI_API_KEY", scope: "team", valueChanged: true });
    const text = JSON.stringify(rows);
    for (const value of Object.values(VALUES)) expect(text).not.toContain(value);
  });

  it("leaves no value in clear anywhere in the database: every row of every table, as text", async () => {
    const sql = await db();
    const tables = await sql<{ name: string }[]>`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`;
    expect(tables.length).toBeGreaterThan(20);
    let dump = "";
    for (const { name } of tables) {
      const rows = await sql.unsafe<{ row: string }[]>(`select t::text as row from ${name} t`);
      dump += rows.map((r) => r.row).join("\n");
    }
    expect(dump).toContain("OPENAI_API_KEY");
    expect(dump).toContain(teamSecret.id);
    for (const value of [...Object.values(VALUES), `${VALUES.rotated}-2`]) expect(dump).not.toContain(value);
    const [row] = await sql<{ ciphertext: string }[]>`select ciphertext from secrets where id = ${teamSecret.id}`;
    expect(row?.ciphertext).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
  });

  it("re-seals secrets under a new active key with the nightly job, their value and version unchanged", async () => {
    const sql = await db();
    const { env } = await import("@/lib/env");
    const settings = env();
    const oldKeys = settings.ENCRYPTION_KEYS;
    settings.ENCRYPTION_KEYS = `next:${Buffer.alloc(32, 9).toString("base64")},${oldKeys}`;
    const aad = `secret:${teamSecret.id}:${owner.teamId}:team:${owner.teamId}:OPENAI_API_KEY`;
    // Inside a transaction rolled back at the end: the other test files sharing this database never see the new key.
    const rolledBack = new Error("rolled back");
    try {
      await sql.begin(async (tx) => {
        expect(await rotateTeamSecrets(tx)).toBeGreaterThan(0);
        const [row] = await tx<{ ciphertext: string; version: string }[]>`select ciphertext, version from secrets where id = ${teamSecret.id}`;
        expect(row?.ciphertext).toMatch(/^v1\.next\./);
        expect(decryptSecret(row?.ciphertext ?? "", aad)).toBe(`${VALUES.rotated}-2`);
        expect(() => decryptSecret(row?.ciphertext ?? "", aad.replace("OPENAI_API_KEY", "OTHER_NAME"))).toThrow();
        throw rolledBack;
      });
    } catch (error) {
      if (error !== rolledBack) throw error;
    } finally {
      settings.ENCRYPTION_KEYS = oldKeys;
    }
    const [after] = await sql<{ ciphertext: string }[]>`select ciphertext from secrets where id = ${teamSecret.id}`;
    expect(after?.ciphertext).not.toMatch(/^v1\.next\./);
  });
});
