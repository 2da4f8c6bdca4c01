import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { RESET_LINK_INVALID } from "@/lib/server/accounts/reset-password";
import { GROUP_WAIT_S } from "@/lib/server/alerts/queue";
import { deliveryTick } from "@/lib/server/alerts/dispatch";
import { runJob } from "@/lib/server/jobs/run-job";
import { EMAIL_LINK_INVALID } from "@/lib/server/mail/email-change";
import { FORGOT_ACCEPTED, MAIL_NOT_CONFIGURED } from "@/lib/server/mail/forgot-password";
import { MAIL_CHANNEL_UNAVAILABLE } from "@/lib/server/mail/channel-check";
import { deliverDueMail } from "@/lib/server/mail/outbox";
import { call, cookiesFrom, uniqueEmail } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat } from "../helpers/agent";
import { linkIn, startSmtpServer, type SmtpStandIn } from "../helpers/smtp";
import { PASSWORD, createFleet, createUser } from "../factories";

// Mail through a real SMTP server in this process: what arrives is read back and its links used.

const NEW_PASSWORD = "a brand new passphrase";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
let smtp: SmtpStandIn;

function setMail(on: boolean) {
  if (on) {
    process.env.SMTP_URL = smtp.url;
    process.env.SMTP_FROM = "OpenClaw Fleet <fleet@example.test>";
  } else {
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
  }
  resetEnv();
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  setMail(true);
});
afterAll(async () => {
  setMail(false);
  await smtp.close();
});

const forgot = (email: string, ip?: string) => call<{ message: string }>("POST", "/api/auth/forgot-password", { body: { email }, ip });
const tokenOf = (url: string) => new URL(url).hash.replace(/^#token=/, "");
const logIn = (email: string, password = PASSWORD, cookie?: string) =>
  call("POST", "/api/auth/login", { body: { email, password }, headers: { "user-agent": CHROME }, ...(cookie ? { cookie } : {}) });
const resetMail = (email: string) => smtp.waitForMail(email, { match: (m) => m.subject.startsWith("Reset") });
const me = (cookie: string) => call<{ user: { email: string } }>("GET", "/api/me", { cookie });

describe("forgot password", () => {
  it("answers the same, body and status, for an address with and without an account; mails only the account", async () => {
    const user = await createUser("forgot");
    const unknown = uniqueEmail("nobody");
    const known = await forgot(user.email);
    const missing = await forgot(unknown);
    expect(known.status).toBe(202);
    expect(missing.status).toBe(202);
    expect(known.body).toEqual(missing.body);
    expect(known.body).toEqual({ message: FORGOT_ACCEPTED });
    expect([...known.headers.keys()].sort()).toEqual([...missing.headers.keys()].sort());
    const mail = await smtp.waitForMail(user.email);
    expect(mail.subject).toBe("Reset your OpenClaw Fleet password");
    expect(linkIn(mail, "/reset-password#token=")).toMatch(/^http:\/\/127\.0\.0\.1:3000\/reset-password#token=ocfr_/);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails.filter((m) => m.to.includes(unknown))).toHaveLength(0);
    const sql = await db();
    const rows = await sql`select * from mail_outbox where recipient = ${user.email}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "sent", content_encrypted: null });
  });

  it("takes the same time whether or not the address has an account (the look-up happens after the answer)", async () => {
    const users = await Promise.all([0, 1, 2, 3, 4].map(() => createUser("timing")));
    const time = async (email: string) => {
      const started = performance.now();
      const res = await forgot(email);
      expect(res.status).toBe(202);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (const u of users) {
      known.push(await time(u.email));
      unknown.push(await time(uniqueEmail("ghost")));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    // Loosely: a password hash or a mail on the path of one and not the other would be tens of ms apart.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(25);
    for (const u of users) await smtp.waitForMail(u.email);
  });

  it("a link works once, ends every session, and the new password signs in", async () => {
    const user = await createUser("once");
    const other = await logIn(user.email);
    await forgot(user.email);
    const token = tokenOf(linkIn(await resetMail(user.email), "/reset-password#"));
    const first = await call("POST", "/api/auth/reset-password", { body: { token, password: NEW_PASSWORD } });
    expect(first.status).toBe(200);
    expect((await me(user.cookie)).status).toBe(401);
    expect((await me(cookiesFrom(other.headers))).status).toBe(401);
    expect((await logIn(user.email, NEW_PASSWORD)).status).toBe(200);
    const again = await call("POST", "/api/auth/reset-password", { body: { token, password: "yet another passphrase" } });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: { message: RESET_LINK_INVALID } });
    const sql = await db();
    const audit = await sql`select after from audit_log where team_id = ${user.teamId} and action = 'account.password_reset'`;
    expect(audit).toEqual([{ after: { endedSessions: 2 } }]);
  });

  it("stores only the hash, valid for 30 minutes; an expired link fails with the same message", async () => {
    const user = await createUser("expiry");
    await forgot(user.email);
    const token = tokenOf(linkIn(await smtp.waitForMail(user.email), "/reset-password#"));
    const sql = await db();
    const [row] = await sql<{ minutes: number; clear: boolean }[]>`
      select round(extract(epoch from expires_at - created_at) / 60)::int as minutes, position(${token}::bytea in token_hash) > 0 as clear
      from password_resets where user_id = ${user.id}`;
    expect(row).toEqual({ minutes: 30, clear: false });
    await sql`update password_resets set expires_at = now() - interval '1 second' where user_id = ${user.id}`;
    const res = await call("POST", "/api/auth/reset-password", { body: { token, password: NEW_PASSWORD } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { message: RESET_LINK_INVALID } });
  });

  it("is rate limited per account (the address typed) and per client address, alike for unknown addresses", async () => {
    const user = await createUser("limit");
    for (let i = 0; i < 5; i++) expect((await forgot(user.email)).status).toBe(202);
    const limited = await forgot(user.email);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < 5; i++) await forgot(ghost);
    expect((await forgot(ghost)).body).toEqual(limited.body);
    const ip = "198.51.100.77";
    for (let i = 0; i < 20; i++) expect((await forgot(uniqueEmail("spray"), ip)).status).toBe(202);
    expect((await forgot(uniqueEmail("spray"), ip)).status).toBe(429);
  });

  it("without SMTP answers 422 saying e-mail is not configured, for every address", async () => {
    setMail(false);
    try {
      const res = await forgot(uniqueEmail("nosmtp"));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: { code: "invalid_request", message: MAIL_NOT_CONFIGURED } });
    } finally {
      setMail(true);
    }
  });
});

describe("e-mail change", () => {
  it("needs the current password, refuses an address in use, and changes only when the mailed link is opened", async () => {
    const user = await createUser("mover");
    const taken = await createUser("taken");
    const target = uniqueEmail("moved");
    const wrong = await call("POST", "/api/me/email", { cookie: user.cookie, body: { email: target, currentPassword: "not my password" } });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ error: { details: [{ path: "currentPassword" }] } });
    const inUse = await call("POST", "/api/me/email", { cookie: user.cookie, body: { email: taken.email.toUpperCase(), currentPassword: PASSWORD } });
    expect(inUse.status).toBe(409);
    expect(JSON.stringify(inUse.body)).not.toContain(taken.email);

    const res = await call<{ emailChange: { email: string; mailed: boolean; url: string | null } }>("POST", "/api/me/email", { cookie: user.cookie, body: { email: target, currentPassword: PASSWORD } });
    expect(res.status).toBe(201);
    expect(res.body.emailChange).toMatchObject({ email: target, mailed: true, url: null });
    const mail = await smtp.waitForMail(target);
    expect((await me(user.cookie)).body.user.email).toBe(user.email);
    const token = tokenOf(linkIn(mail, "/confirm-email#token="));
    const confirmed = await call("POST", "/api/auth/confirm-email", { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ email: target });
    expect((await me(user.cookie)).body.user.email).toBe(target);
    const notice = await smtp.waitForMail(user.email);
    expect(notice.subject).toBe("Your OpenClaw Fleet e-mail address was changed");
    expect((await logIn(target)).status).toBe(200);
    expect((await logIn(user.email)).status).toBe(401);

    const again = await call("POST", "/api/auth/confirm-email", { body: { token } });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: { message: EMAIL_LINK_INVALID } });
    const sql = await db();
    const audit = await sql<{ action: string; before: unknown; after: unknown }[]>`
      select action, before, after from audit_log where team_id = ${user.teamId} and action like 'account.email%' order by id`;
    expect(audit.map((a) => a.action)).toEqual(["account.email_change_request", "account.email_change"]);
    expect(audit[1]).toMatchObject({ before: { email: user.email }, after: { email: target } });
  });

  it("an expired link fails; without SMTP the link is answered to copy", async () => {
    const user = await createUser("nosmtp-move");
    setMail(false);
    let url: string | null;
    try {
      const res = await call<{ emailChange: { mailed: boolean; url: string | null } }>("POST", "/api/me/email", { cookie: user.cookie, body: { email: uniqueEmail("copy"), currentPassword: PASSWORD } });
      expect(res.status).toBe(201);
      expect(res.body.emailChange.mailed).toBe(false);
      url = res.body.emailChange.url;
    } finally {
      setMail(true);
    }
    expect(url).toMatch(/\/confirm-email#token=ocfe_/);
    const sql = await db();
    await sql`update email_changes set expires_at = now() - interval '1 second' where user_id = ${user.id}`;
    const res = await call("POST", "/api/auth/confirm-email", { body: { token: tokenOf(url ?? "") } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { message: EMAIL_LINK_INVALID } });
  });
});

describe("new sign-in from an unknown device", () => {
  it("mails on a browser the person has not used, not on the one they signed up or signed in with before", async () => {
    const user = await createUser("device");
    const since = smtp.mails.length;
    expect(user.cookie).toMatch(/ocf_device=ocfd_/);
    const sameBrowser = await logIn(user.email, PASSWORD, user.cookie);
    expect(sameBrowser.status).toBe(200);
    const fresh = await logIn(user.email);
    expect(fresh.headers.getSetCookie().some((c) => c.startsWith("ocf_device=ocfd_"))).toBe(true);
    const mail = await smtp.waitForMail(user.email, { since });
    expect(mail.subject).toBe("New sign-in to your OpenClaw Fleet account");
    expect(mail.text).toContain("Chrome");
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.slice(since).filter((m) => m.to.includes(user.email))).toHaveLength(1);
    const sql = await db();
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from known_devices where user_id = ${user.id}`;
    expect(row?.n).toBe(2);
  });
});

describe("invitations", () => {
  it("are mailed with the same link the owner is shown", async () => {
    const owner = await createUser("inviter");
    // Names typed in the app are one line; one stored otherwise (an older row, another tool) still makes no header.
    const sql = await db();
    await sql`update users set name = ${"Inviter\r\nBcc: leak@example.test"} where id = ${owner.id}`;
    await sql`update teams set name = ${"Team\r\nBcc: leak@example.test"} where id = ${owner.teamId}`;
    const guest = uniqueEmail("guest");
    const res = await call<{ invitation: { url: string; mailed: boolean } }>("POST", `/api/teams/${owner.teamId}/invitations`, { cookie: owner.cookie, body: { email: guest, role: "viewer" } });
    expect(res.status).toBe(201);
    expect(res.body.invitation.mailed).toBe(true);
    const mail = await smtp.waitForMail(guest);
    expect(linkIn(mail, "/invite/")).toBe(res.body.invitation.url);
    expect(mail.to).toEqual([guest]);
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.raw.slice(0, mail.raw.search(/\r?\n\r?\n/))).not.toMatch(/^bcc:/im);
    expect(smtp.mails.some((m) => m.to.includes("leak@example.test"))).toBe(false);
  });
});

describe("e-mail alert channel", () => {
  it("is refused with 422 when the server has no SMTP", async () => {
    const owner = await createUser("nochan");
    setMail(false);
    try {
      const res = await call("POST", "/api/alerts/channels", { cookie: owner.cookie, body: { name: "Ops mail", type: "email", config: { addresses: ["ops@example.test"] } } });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: { code: "invalid_request", message: MAIL_CHANNEL_UNAVAILABLE } });
    } finally {
      setMail(true);
    }
  });

  it("validates its addresses", async () => {
    const owner = await createUser("badchan");
    for (const addresses of [[], ["not an address"], ["a@example.test", "A@example.test"], Array.from({ length: 21 }, (_, i) => `x${i}@example.test`), "ops@example.test"]) {
      const res = await call("POST", "/api/alerts/channels", { cookie: owner.cookie, body: { name: "Ops", type: "email", config: { addresses } } });
      expect(res.status, JSON.stringify(addresses)).toBe(422);
    }
  });

  it("delivers a real alert, and a test, to every address through SMTP", async () => {
    const owner = await createUser("alerts");
    const fleetId = (await createFleet(owner, "Mail fleet")).id;
    const agent = await pairAgent(owner, (await createAgent(owner, fleetId, { name: "node-<b>mail</b>" })).id);
    await sendHeartbeat(agent);
    const [a, b] = [uniqueEmail("oncall"), uniqueEmail("lead")];
    const channel = await call<{ channel: { id: string; type: string; configHint: string } }>("POST", "/api/alerts/channels", { cookie: owner.cookie, body: { name: "On-call mail", type: "email", config: { addresses: [a, ` ${b.toUpperCase()} `] } } });
    expect(channel.status).toBe(201);
    expect(channel.body.channel).toMatchObject({ type: "email", configHint: `${a}, ${b}` });
    const test = await call("POST", `/api/alerts/channels/${channel.body.channel.id}/test`, { cookie: owner.cookie });
    expect(test.body).toMatchObject({ result: { ok: true } });
    expect((await smtp.waitForMail(a)).subject).toContain("Test notification");

    const rule = await call("POST", "/api/alerts/rules", { cookie: owner.cookie, body: { name: "Offline", kind: "agent_offline", channelIds: [channel.body.channel.id] } });
    expect(rule.status).toBe(201);
    const sql = await db();
    await sql`update agents set last_seen_at = now() - interval '10 minutes', watch_at = now() - interval '1 second' where id = ${agent.id}`;
    await runJob("check-stale", { force: true });
    await sql`update alerts set opened_at = opened_at - make_interval(secs => ${GROUP_WAIT_S + 1}) where trigger_pending and team_id = ${owner.teamId}`;
    const since = smtp.mails.length;
    const tick = await deliveryTick();
    expect(tick.sent).toBeGreaterThanOrEqual(1);
    for (const to of [a, b]) {
      const mail = await smtp.waitForMail(to, { since });
      expect(mail.subject).toMatch(/^\[critical\] Offline: node-<b>mail<\/b>/);
      expect(mail.html).toContain("node-&lt;b&gt;mail&lt;/b&gt;");
      expect(mail.to).toEqual([to]);
    }
  });
});

describe("the outbox", () => {
  it("keeps a mail and retries it while the SMTP server is unreachable, then delivers it", async () => {
    const user = await createUser("outage");
    const port = smtp.port;
    process.env.SMTP_URL = "smtp://127.0.0.1:9"; // nothing listens on the discard port
    resetEnv();
    const guest = uniqueEmail("later");
    try {
      const res = await call("POST", `/api/teams/${user.teamId}/invitations`, { cookie: user.cookie, body: { email: guest, role: "viewer" } });
      expect(res.status).toBe(201);
      const sql = await db();
      for (let i = 0; i < 50; i++) {
        const [row] = await sql<{ attempts: number }[]>`select attempts from mail_outbox where recipient = ${guest}`;
        if ((row?.attempts ?? 0) > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const [row] = await sql<{ status: string; attempts: number; last_error: string }[]>`select status, attempts, last_error from mail_outbox where recipient = ${guest}`;
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row?.last_error).not.toContain("ocfi_");
      await sql`update mail_outbox set next_attempt_at = now() where recipient = ${guest}`;
    } finally {
      process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
      resetEnv();
    }
    await deliverDueMail();
    expect((await smtp.waitForMail(guest)).subject).toContain("invited you");
  });
});

describe("requests from elsewhere and oversized bodies", () => {
  it.each(["/api/auth/forgot-password", "/api/auth/confirm-email", "/api/me/email"])("%s refuses another origin (403) and a body over 64 KiB (413)", async (path) => {
    const user = await createUser("csrf");
    const crossOrigin = await call("POST", path, { cookie: user.cookie, body: { email: uniqueEmail("x"), token: "t", currentPassword: PASSWORD }, headers: { origin: "https://evil.example" } });
    expect(crossOrigin.status).toBe(403);
    const huge = await call("POST", path, { cookie: user.cookie, body: { email: "a@example.test", pad: "x".repeat(65 * 1024) } });
    expect(huge.status).toBe(413);
  });
});
