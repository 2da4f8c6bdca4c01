import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CHALLENGE_REFUSED } from "@/lib/auth/webauthn";
import { db } from "@/lib/db/client";
import { resetLimits } from "@/lib/rate-limit";
import { PENDING_EXPIRED } from "@/lib/server/two-factor/pending";
import { totpCode } from "@/lib/server/two-factor/totp";
import { ORIGIN, call, cookiesFrom } from "../helpers/api";
import { SoftPasskey } from "../helpers/authenticator";
import { PASSWORD, addMember, createUser, type TestUser } from "../factories";

// Two-factor against the real routes and database: an authenticator app (each code once), recovery
// codes (each once), the five-minute one-time pending sign-in, passkeys made in software (as second
// factor and alone), and a team that requires two-factor.

const STEP = 30_000;
let now = 0;
const at = (offsetSteps: number) => now + offsetSteps * STEP;

beforeEach(() => {
  // Date alone is faked, mid-step, so codes of the step before, now and after are all in the window.
  vi.useFakeTimers({ toFake: ["Date"] });
  now = Math.floor(Date.now() / STEP) * STEP + STEP / 2;
  vi.setSystemTime(now);
  resetLimits();
});
afterEach(() => vi.useRealTimers());

type Options = { challenge: string; rp?: { id: string }; rpId?: string };

async function enrolTotp(user: { cookie: string }) {
  const start = await call<{ enrolment: { secret: string; otpauthUrl: string; qrCode: string } }>("POST", "/api/me/two-factor/totp", { cookie: user.cookie });
  expect(start.status).toBe(201);
  const { secret } = start.body.enrolment;
  const confirm = await call<{ recoveryCodes: string[] }>("POST", "/api/me/two-factor/totp/confirm", { cookie: user.cookie, body: { code: totpCode(secret, at(-1)) } });
  expect(confirm.status).toBe(200);
  return { secret, recoveryCodes: confirm.body.recoveryCodes, start: start.body.enrolment };
}

async function logIn(email: string) {
  const res = await call<{ twoFactorRequired?: boolean; user?: unknown }>("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
  return { ...res, cookie: cookiesFrom(res.headers) };
}

const secondStep = (pending: string, code: string) => call<{ user: { email: string } }>("POST", "/api/auth/two-factor", { cookie: pending, body: { code } });
const auditActions = async (teamId: string) =>
  (await (await db())<{ action: string }[]>`select action from audit_log where team_id = ${teamId} and action like 'two_factor.%' order by created_at, id`).map((r) => r.action);

describe("authenticator app (TOTP)", () => {
  it("is set up with a QR code and a code, stores the secret sealed, and is turned off with the password", async () => {
    const user = await createUser("totp");
    const start = await call<{ enrolment: { secret: string; otpauthUrl: string; qrCode: string } }>("POST", "/api/me/two-factor/totp", { cookie: user.cookie });
    expect(start.status).toBe(201);
    const { secret, otpauthUrl, qrCode } = start.body.enrolment;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const [row] = await (await db())<{ secret_sealed: string }[]>`select secret_sealed from user_totp where user_id = ${user.id}`;
    expect(row?.secret_sealed).toMatch(/^v1\./);
    expect(row?.secret_sealed).not.toContain(secret);

    const wrong = await call("POST", "/api/me/two-factor/totp/confirm", { cookie: user.cookie, body: { code: totpCode(secret, at(5)) } });
    expect(wrong.status).toBe(422);
    expect((await logIn(user.email)).body).toHaveProperty("user");

    const confirm = await call<{ recoveryCodes: string[] }>("POST", "/api/me/two-factor/totp/confirm", { cookie: user.cookie, body: { code: totpCode(secret) } });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirm.body.recoveryCodes).size).toBe(10);
    const stored = await (await db())<{ code_hash: Buffer }[]>`select code_hash from recovery_codes where user_id = ${user.id}`;
    expect(stored).toHaveLength(10);
    expect(stored.some((r) => confirm.body.recoveryCodes.some((c) => r.code_hash.includes(Buffer.from(c))))).toBe(false);

    const status = await call<{ twoFactor: Record<string, unknown> }>("GET", "/api/me/two-factor", { cookie: user.cookie });
    expect(status.body.twoFactor).toMatchObject({ enabled: true, totp: true, passkeys: 0, recoveryCodesLeft: 10, requiredBy: [] });
    expect((await call("POST", "/api/me/two-factor/totp", { cookie: user.cookie })).status).toBe(409);

    expect((await call("POST", "/api/me/two-factor/totp/disable", { cookie: user.cookie, body: { password: "not the password" } })).status).toBe(422);
    expect((await call("POST", "/api/me/two-factor/totp/disable", { cookie: user.cookie, body: { code: totpCode(secret) } })).status).toBe(422); // that step was used
    const off = await call<{ twoFactor: Record<string, unknown> }>("POST", "/api/me/two-factor/totp/disable", { cookie: user.cookie, body: { password: PASSWORD } });
    expect(off.status).toBe(200);
    expect(off.body.twoFactor).toMatchObject({ enabled: false, totp: false, recoveryCodesLeft: 0 });
    expect(await auditActions(user.teamId)).toEqual(["two_factor.totp_enable", "two_factor.totp_disable"]);
    expect((await logIn(user.email)).body).toHaveProperty("user");
  });

  it("an API token cannot set up or turn off two-factor", async () => {
    const user = await createUser("token");
    const { body } = await call<{ token: string }>("POST", "/api/tokens", { cookie: user.cookie, body: { name: "script" } });
    expect((await call("POST", "/api/me/two-factor/totp", { token: body.token })).status).toBe(403);
    expect((await call("GET", "/api/me/passkeys", { token: body.token })).status).toBe(403);
  });
});

describe("signing in with a second factor", () => {
  it("gives no session for the password alone, then one for a code; the same code again is refused", async () => {
    const user = await createUser("signin");
    const { secret } = await enrolTotp(user);
    const first = await logIn(user.email);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ twoFactorRequired: true });
    expect(first.cookie).toMatch(/^ocf_2fa=/);
    expect(first.cookie).not.toContain("ocf_session");
    expect((await call("GET", "/api/me", { cookie: first.cookie })).status).toBe(401);

    expect((await secondStep(first.cookie, "000000")).status).toBe(422);
    const code = totpCode(secret);
    const ok = await secondStep(first.cookie, code);
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(user.email);
    const session = cookiesFrom(ok.headers);
    expect(session).toMatch(/ocf_session=/);
    expect((await call("GET", "/api/me", { cookie: session })).status).toBe(200);

    // The pending sign-in is spent; a new one does not take the code already used (nor an older one).
    expect((await secondStep(first.cookie, totpCode(secret, at(1)))).body).toMatchObject({ error: { message: PENDING_EXPIRED } });
    const again = await logIn(user.email);
    const replay = await secondStep(again.cookie, code);
    expect(replay.status).toBe(422);
    expect(replay.body).toMatchObject({ error: { message: "That code is wrong or was already used" } });
    expect((await secondStep(again.cookie, totpCode(secret, at(-1)))).status).toBe(422);
    expect((await secondStep(again.cookie, totpCode(secret, at(1)))).status).toBe(200);
  });

  it("takes each recovery code once and records its use", async () => {
    const user = await createUser("recovery");
    const { recoveryCodes } = await enrolTotp(user);
    const [code = ""] = recoveryCodes;
    const first = await logIn(user.email);
    expect((await secondStep(first.cookie, code.toUpperCase())).status).toBe(200);
    const second = await logIn(user.email);
    expect((await secondStep(second.cookie, code)).status).toBe(422);
    expect((await secondStep(second.cookie, recoveryCodes[1]?.replace(/-/g, "") ?? "")).status).toBe(200);
    expect(await auditActions(user.teamId)).toEqual(["two_factor.totp_enable", "two_factor.recovery_code_use", "two_factor.recovery_code_use"]);
    const status = await call<{ twoFactor: { recoveryCodesLeft: number } }>("GET", "/api/me/two-factor", { cookie: user.cookie });
    expect(status.body.twoFactor.recoveryCodesLeft).toBe(8);

    const fresh = await call<{ recoveryCodes: string[] }>("POST", "/api/me/two-factor/recovery-codes", { cookie: user.cookie, body: { password: PASSWORD } });
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    const third = await logIn(user.email);
    expect((await secondStep(third.cookie, recoveryCodes[2] ?? "")).status).toBe(422); // the old set is gone
  });

  it("refuses an expired pending sign-in, a missing one, and too many attempts", async () => {
    const user = await createUser("pending");
    const { secret } = await enrolTotp(user);
    const pending = await logIn(user.email);
    await (await db())`update pending_sign_ins set expires_at = now() - interval '1 second' where user_id = ${user.id}`;
    const expired = await secondStep(pending.cookie, totpCode(secret));
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: "unauthorized", message: PENDING_EXPIRED } });
    expect((await secondStep("", totpCode(secret))).status).toBe(401);
    expect((await secondStep("ocf_2fa=forged", totpCode(secret))).status).toBe(401);

    const again = await logIn(user.email);
    const answers: number[] = [];
    for (let i = 0; i < 11; i += 1) answers.push((await secondStep(again.cookie, "123456")).status);
    expect(answers.slice(0, 9).every((s) => s === 422)).toBe(true);
    expect(answers.at(-1)).toBe(429);
  });
});

describe("passkeys", () => {
  const origin = ORIGIN;

  async function register(user: TestUser, key: SoftPasskey, override: { origin?: string; challenge?: string; rpId?: string } = {}) {
    const { body } = await call<{ options: Options }>("POST", "/api/me/passkeys/options", { cookie: user.cookie });
    const response = key.register(body.options, override.origin ?? origin, { ...(override.challenge ? { challenge: override.challenge } : {}), ...(override.rpId ? { rpId: override.rpId } : {}) });
    return call<{ passkey: { id: string; name: string }; recoveryCodes?: string[] }>("POST", "/api/me/passkeys", { cookie: user.cookie, body: { response, name: "Laptop" } });
  }

  async function passwordless(key: SoftPasskey, override: { origin?: string; challenge?: string; counter?: number } = {}) {
    const { body } = await call<{ options: Options }>("POST", "/api/auth/passkey/options");
    const response = key.assert(body.options, override.origin ?? origin, {
      rpId: "127.0.0.1",
      ...(override.challenge ? { challenge: override.challenge } : {}),
      ...(override.counter !== undefined ? { counter: override.counter } : {}),
    });
    return { res: await call<{ user: { email: string } }>("POST", "/api/auth/passkey", { body: { response } }), response };
  }

  it("registers, lists, renames and removes a passkey; the first one comes with recovery codes", async () => {
    const user = await createUser("passkey");
    const key = new SoftPasskey();
    const wrongOrigin = await register(user, key, { origin: "https://evil.example" });
    expect(wrongOrigin.status).toBe(422);
    expect(wrongOrigin.body).toMatchObject({ error: { message: "The passkey answered for another site (wrong origin)" } });
    const wrongChallenge = await register(user, key, { challenge: Buffer.alloc(32, 7).toString("base64url") });
    expect(wrongChallenge.status).toBe(401);
    expect(wrongChallenge.body).toMatchObject({ error: { message: CHALLENGE_REFUSED } });

    const created = await register(user, key);
    expect(created.status).toBe(201);
    expect(created.body.passkey.name).toBe("Laptop");
    expect(created.body.recoveryCodes).toHaveLength(10);
    const second = await register(user, new SoftPasskey());
    expect(second.body.recoveryCodes).toBeUndefined();

    const list = await call<{ passkeys: { id: string; name: string }[] }>("GET", "/api/me/passkeys", { cookie: user.cookie });
    expect(list.body.passkeys).toHaveLength(2);
    const renamed = await call<{ passkey: { name: string } }>("PATCH", `/api/me/passkeys/${created.body.passkey.id}`, { cookie: user.cookie, body: { name: "Work laptop" } });
    expect(renamed.body.passkey.name).toBe("Work laptop");
    const other = await createUser("other");
    expect((await call("DELETE", `/api/me/passkeys/${created.body.passkey.id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await call("DELETE", `/api/me/passkeys/${created.body.passkey.id}`, { cookie: user.cookie })).status).toBe(204);
    expect((await call("DELETE", `/api/me/passkeys/${second.body.passkey.id}`, { cookie: user.cookie })).status).toBe(204);
    const status = await call<{ twoFactor: Record<string, unknown> }>("GET", "/api/me/two-factor", { cookie: user.cookie });
    expect(status.body.twoFactor).toMatchObject({ enabled: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect(await auditActions(user.teamId)).toEqual(["two_factor.passkey_add", "two_factor.passkey_add", "two_factor.passkey_remove", "two_factor.passkey_remove"]);
  });

  it("signs in without a password; a wrong origin, an unknown or used challenge and a counter going back are refused", async () => {
    const user = await createUser("passwordless");
    const key = new SoftPasskey(Buffer.from(user.id.replace(/-/g, ""), "hex"));
    expect((await register(user, key)).status).toBe(201);

    const { res: ok, response } = await passwordless(key);
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(user.email);
    expect(cookiesFrom(ok.headers)).toMatch(/ocf_session=/);
    expect((await call("POST", "/api/auth/passkey", { body: { response } })).body).toMatchObject({ error: { message: CHALLENGE_REFUSED } });

    const wrongOrigin = await passwordless(key, { origin: "http://127.0.0.1:9999" });
    expect(wrongOrigin.res.status).toBe(401);
    expect(wrongOrigin.res.body).toMatchObject({ error: { message: "The passkey answered for another site (wrong origin)" } });
    const wrongChallenge = await passwordless(key, { challenge: Buffer.alloc(32, 1).toString("base64url") });
    expect(wrongChallenge.res.status).toBe(401);
    expect(wrongChallenge.res.body).toMatchObject({ error: { message: CHALLENGE_REFUSED } });

    expect((await passwordless(key, { counter: 10 })).res.status).toBe(200);
    const backwards = await passwordless(key, { counter: 4 });
    expect(backwards.res.status).toBe(401);
    expect(backwards.res.body).toMatchObject({ error: { message: expect.stringContaining("signature counter went backwards") } });
    const [row] = await (await db())<{ counter: string }[]>`select counter from passkeys where user_id = ${user.id}`;
    expect(Number(row?.counter)).toBe(10);

    const stranger = new SoftPasskey();
    expect((await passwordless(stranger)).res.body).toMatchObject({ error: { message: "This passkey is not registered here (or was removed)" } });
  });

  it("is the second factor after a password, for its own person only", async () => {
    const user = await createUser("pk2fa");
    const key = new SoftPasskey();
    await register(user, key);
    const pending = await logIn(user.email);
    expect(pending.body).toEqual({ twoFactorRequired: true });
    const options = await call<{ options: Options & { allowCredentials: { id: string }[] } }>("POST", "/api/auth/two-factor/passkey/options", { cookie: pending.cookie });
    expect(options.body.options.allowCredentials.map((c) => c.id)).toEqual([key.id]);
    const ok = await call("POST", "/api/auth/two-factor/passkey", { cookie: pending.cookie, body: { response: key.assert(options.body.options, origin, { rpId: "127.0.0.1" }) } });
    expect(ok.status).toBe(200);
    expect(cookiesFrom(ok.headers)).toMatch(/ocf_session=/);

    // Another person's passkey does not finish this person's sign-in.
    const other = await createUser("pk-other");
    const otherKey = new SoftPasskey();
    await register(other, otherKey);
    const again = await logIn(user.email);
    const opts = await call<{ options: Options }>("POST", "/api/auth/two-factor/passkey/options", { cookie: again.cookie });
    const refused = await call("POST", "/api/auth/two-factor/passkey", { cookie: again.cookie, body: { response: otherKey.assert(opts.body.options, origin, { rpId: "127.0.0.1" }) } });
    expect(refused.status).toBe(401);
    expect((await call("POST", "/api/auth/two-factor/passkey/options")).status).toBe(401);
  });
});

describe("a team that requires two-factor", () => {
  it("is set by an owner who has it; members without it get 403 on the API until they set it up; tokens are unaffected", async () => {
    const owner = await createUser("req-owner");
    const member = await addMember(owner.teamId, "maintainer", "req-member");
    const { body: token } = await call<{ token: string }>("POST", "/api/tokens", { cookie: member.cookie, body: { name: "ci" } });

    const refused = await call("PUT", `/api/teams/${owner.teamId}/two-factor`, { cookie: owner.cookie, body: { required: true } });
    expect(refused.status).toBe(409);
    await enrolTotp(owner);
    const on = await call("PUT", `/api/teams/${owner.teamId}/two-factor`, { cookie: owner.cookie, body: { required: true } });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ requireTwoFactor: true });
    expect((await call("PUT", `/api/teams/${owner.teamId}/two-factor`, { cookie: member.cookie, body: { required: false } })).status).toBe(403);
    const [audit] = await (await db())<{ before: unknown; after: unknown }[]>`select before, after from audit_log where team_id = ${owner.teamId} and action = 'team.two_factor_required'`;
    expect(audit).toEqual({ before: { required: false }, after: { required: true } });

    const blocked = await call("GET", "/api/fleets", { cookie: member.cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ error: { code: "two_factor_required", message: expect.stringContaining("/setup-two-factor") } });
    expect((await call("POST", "/api/fleets", { cookie: member.cookie, body: { name: "x" } })).status).toBe(403);
    expect((await call("GET", "/api/fleets", { token: token.token })).status).toBe(200);
    expect((await call("GET", "/api/me", { cookie: member.cookie })).status).toBe(200);
    expect((await call<{ twoFactor: { requiredBy: { id: string }[] } }>("GET", "/api/me/two-factor", { cookie: member.cookie })).body.twoFactor.requiredBy.map((t) => t.id)).toEqual([owner.teamId]);
    expect((await call("POST", "/api/auth/logout", { cookie: member.cookie })).status).toBe(204);

    const again = await logIn(member.email);
    expect(again.body).toHaveProperty("user");
    await enrolTotp({ cookie: again.cookie });
    expect((await call("GET", "/api/fleets", { cookie: again.cookie })).status).toBe(200);
  });
});
