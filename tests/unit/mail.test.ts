import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, resetEnv } from "@/lib/env";
import { alertMail, escapeHtml, invitationMail, newSignInMail, oneLine, passwordResetMail } from "@/lib/mail/templates";
import { sendMail } from "@/lib/mail/transport";
import { startSmtpServer, type SmtpStandIn } from "../helpers/smtp";

const HOSTILE = `Eve <script>alert("x")</script> & 'co'\r\nBcc: victim@example.test\r\nX-Injected: yes`;

describe("SMTP settings", () => {
  it("accepts smtp:// and smtps:// with a from address", () => {
    expect(parseEnv({ SMTP_URL: "smtp://user:pass@mail.example.com:587", SMTP_FROM: "fleet@example.com" })).toMatchObject({ SMTP_URL: "smtp://user:pass@mail.example.com:587" });
    expect(parseEnv({ SMTP_URL: "smtps://mail.example.com", SMTP_FROM: "OpenClaw Fleet <fleet@example.com>" }).SMTP_FROM).toBe("OpenClaw Fleet <fleet@example.com>");
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
  });

  it.each([
    [{ SMTP_URL: "http://mail.example.com", SMTP_FROM: "a@example.com" }, "SMTP_URL"],
    [{ SMTP_URL: "not a url", SMTP_FROM: "a@example.com" }, "SMTP_URL"],
    [{ SMTP_URL: "smtp://mail.example.com" }, "SMTP_FROM: must be set when SMTP_URL is set"],
    [{ SMTP_URL: "smtp://mail.example.com", SMTP_FROM: "not an address" }, "SMTP_FROM"],
    [{ SMTP_URL: "smtp://mail.example.com", SMTP_FROM: "Fleet\r\nBcc: x@example.com <a@example.com>" }, "SMTP_FROM"],
  ])("names the bad setting %j", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});

describe("templates", () => {
  it("escape every interpolated value in HTML and keep subjects to one line", () => {
    const mail = invitationMail("new@example.test", { name: HOSTILE, email: "eve@example.test" }, `Team <b>"x"</b>\nline`, "viewer", "https://fleet.example.com/invite/ocfi_x?a=1&b=2");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
    expect(mail.html).toContain('href="https://fleet.example.com/invite/ocfi_x?a=1&amp;b=2"');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain("https://fleet.example.com/invite/ocfi_x?a=1&b=2");
  });

  it("oneLine drops control characters and Unicode line breaks, and cuts long text", () => {
    expect(oneLine("a\r\nb\u2028c\u0000d\te")).toBe("a b c d e");
    expect(oneLine("x".repeat(300), 10)).toHaveLength(10);
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
  });

  it("alert mails escape agent names and details and link only to http(s)", () => {
    const mail = alertMail("ops@example.test", { severity: "critical", action: "trigger", title: HOSTILE, summary: "<img src=x onerror=alert(1)>", ruleName: "r", at: "2026-12-02T00:00:00Z", url: "javascript:alert(1)", agents: [{ name: "<b>n</b>", region: "eu", detail: "d" }] });
    expect(mail.html).not.toMatch(/<img|<b>|javascript:/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});

describe("sending", () => {
  let smtp: SmtpStandIn;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "mail-unit-"));
    process.env.SMTP_URL = smtp.url;
    process.env.SMTP_FROM = "OpenClaw Fleet <fleet@example.test>";
    resetEnv();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
    resetEnv();
    await smtp.close();
  });

  it("a name with CR/LF and Bcc: produces no header: the raw message has one recipient and no injected line", async () => {
    const mail = invitationMail("new@example.test", { name: HOSTILE, email: "eve@example.test" }, HOSTILE, "viewer", "https://fleet.example.com/invite/ocfi_x");
    await sendMail(mail);
    const received = await smtp.waitForMail("new@example.test");
    expect(received.to).toEqual(["new@example.test"]);
    const head = received.raw.slice(0, received.raw.search(/\r?\n\r?\n/));
    expect(head).not.toMatch(/^bcc:/im);
    expect(head).not.toMatch(/^x-injected:/im);
    expect(received.headers.bcc).toBeUndefined();
    expect(received.subject).toContain("Bcc: victim@example.test");
    expect(received.subject).not.toMatch(/[\r\n]/);
    expect(received.headers.from).toBe("OpenClaw Fleet <fleet@example.test>");
  });

  it("sends a text and an HTML part with the link intact", async () => {
    const url = "https://fleet.example.com/reset-password#token=ocfr_abc-DEF_123";
    await sendMail(passwordResetMail("reset@example.test", url));
    const received = await smtp.waitForMail("reset@example.test");
    expect(received.text).toContain(url);
    expect(received.html).toContain(`href="${url}"`);
  });

  it("describes a new sign-in with its device and address", async () => {
    await sendMail(newSignInMail("device@example.test", { device: "Chrome on Linux", ip: "203.0.113.9", at: "2026-12-02 04:00 UTC" }, "https://fleet.example.com/dashboard/settings/account"));
    const received = await smtp.waitForMail("device@example.test");
    expect(received.text).toContain("Chrome on Linux");
    expect(received.text).toContain("203.0.113.9");
  });
});
