import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server in this process: mail sent through SMTP_URL arrives here and is read back, raw
// and decoded. Nothing leaves the machine.

export type ReceivedMail = { from: string; to: string[]; raw: string; headers: Record<string, string>; subject: string; text: string; html: string };
export type SmtpStandIn = { port: number; url: string; mails: ReceivedMail[]; waitForMail: (to: string, options?: { timeoutMs?: number; since?: number; match?: (m: ReceivedMail) => boolean }) => Promise<ReceivedMail>; close: () => Promise<void> };

function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function splitPart(part: string): { headers: Record<string, string>; body: string } {
  const index = part.search(/\r?\n\r?\n/);
  const head = index < 0 ? part : part.slice(0, index);
  const body = index < 0 ? "" : part.slice(index).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

/** Decodes an RFC 2047 encoded-word header (=?UTF-8?Q?…?= or ?B?). */
export function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=\s*/gi, (_, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replaceAll("_", " ")),
  );
}

/** The message's headers, subject and its text and HTML parts, decoded. */
export function parseMail(raw: string): Omit<ReceivedMail, "from" | "to"> {
  const { headers, body } = splitPart(raw);
  const parts: { type: string; text: string }[] = [];
  const walk = (h: Record<string, string>, b: string) => {
    const type = h["content-type"] ?? "text/plain";
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const chunk of b.split(`--${boundary}`).slice(1)) {
        if (chunk.startsWith("--")) break;
        const sub = splitPart(chunk.replace(/^\r?\n/, ""));
        walk(sub.headers, sub.body);
      }
    } else parts.push({ type: type.split(";")[0]?.trim().toLowerCase() ?? "text/plain", text: decodeBody(h, b) });
  };
  walk(headers, body);
  return {
    raw,
    headers,
    subject: decodeHeader(headers.subject ?? ""),
    text: parts.find((p) => p.type === "text/plain")?.text ?? "",
    html: parts.find((p) => p.type === "text/html")?.text ?? "",
  };
}

/** The first http(s) link in a mail's text part that contains `contains`. */
export function linkIn(mail: ReceivedMail, contains: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(contains));
  if (!link) throw new Error(`no link containing ${contains} in the mail "${mail.subject}"`);
  return link;
}

/** Starts an SMTP server on 127.0.0.1 (no TLS, no authentication) that keeps every mail it receives. */
export async function startSmtpServer(port = 0): Promise<SmtpStandIn> {
  const mails: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("latin1");
        const envelope = session.envelope;
        mails.push({ from: envelope.mailFrom ? envelope.mailFrom.address : "", to: envelope.rcptTo.map((r) => r.address.toLowerCase()), ...parseMail(raw) });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;

  const waitForMail: SmtpStandIn["waitForMail"] = (to, { timeoutMs = 15_000, since = 0, match = () => true } = {}) =>
    new Promise((resolve, reject) => {
      const find = () => mails.slice(since).find((m) => m.to.includes(to.toLowerCase()) && match(m));
      const check = () => {
        const found = find();
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no mail to ${to} within ${timeoutMs} ms (received: ${mails.map((m) => `${m.to.join(",")}: ${m.subject}`).join("; ") || "none"})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    mails,
    waitForMail,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
