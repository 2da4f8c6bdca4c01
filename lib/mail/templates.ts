import type { Mail } from "./transport";

// Every value from people or hosts (names, team names, agent details) is escaped in HTML and kept to
// one line in the subject: a name holding "\r\nBcc: someone" stays text, never a header.
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
/** One line: control characters (CR, LF, tab, NUL…) and Unicode line breaks become spaces, then trimmed and cut. */
export const oneLine = (s: string, max = 200) => {
  const flat = s.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

type Block = { kind: "p"; text: string } | { kind: "link"; label: string; url: string } | { kind: "small"; text: string };
const p = (text: string): Block => ({ kind: "p", text });
const small = (text: string): Block => ({ kind: "small", text });
const link = (label: string, url: string): Block => ({ kind: "link", label, url });

function render(to: string, subject: string, blocks: Block[]): Mail {
  const text = blocks.map((b) => (b.kind === "link" ? `${b.label}:\n${b.url}` : b.text)).join("\n\n");
  const body = blocks
    .map((b) => {
      if (b.kind === "link") {
        const url = escapeHtml(b.url);
        return `<p><a href="${url}" style="display:inline-block;padding:10px 16px;background:#0f766e;color:#fff;border-radius:8px;text-decoration:none">${escapeHtml(b.label)}</a></p><p style="font-size:12px;color:#64748b;word-break:break-all">${url}</p>`;
      }
      return b.kind === "small" ? `<p style="font-size:12px;color:#64748b">${escapeHtml(b.text)}</p>` : `<p>${escapeHtml(b.text).replaceAll("\n", "<br>")}</p>`;
    })
    .join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:14px;color:#0f172a;max-width:560px">\n${body}\n<p style="font-size:12px;color:#64748b">OpenClaw Fleet</p></body></html>`;
  return { to, subject: oneLine(subject), text: `${text}\n\n— OpenClaw Fleet\n`, html };
}

export function passwordResetMail(to: string, url: string): Mail {
  return render(to, "Reset your OpenClaw Fleet password", [
    p("Someone (hopefully you) asked to reset the password of the OpenClaw Fleet account with this address."),
    link("Set a new password", url),
    small("The link works once, for 30 minutes; using it signs the account out everywhere. If you did not ask for it, ignore this mail: your password stays as it is."),
  ]);
}

export function invitationMail(to: string, inviter: { name: string; email: string }, teamName: string, role: string, url: string): Mail {
  const who = inviter.name ? `${oneLine(inviter.name, 100)} (${inviter.email})` : inviter.email;
  return render(to, `${oneLine(inviter.name || inviter.email, 100)} invited you to ${oneLine(teamName, 100)} on OpenClaw Fleet`, [
    p(`${who} invited you to join the team “${teamName}” on OpenClaw Fleet as ${role}.`),
    link("Accept the invitation", url),
    small("The invitation is valid for 7 days. If you did not expect it, ignore this mail."),
  ]);
}

export function emailChangeMail(to: string, url: string, minutes: number): Mail {
  return render(to, "Confirm your new e-mail address for OpenClaw Fleet", [
    p("Someone (hopefully you) asked to use this address for their OpenClaw Fleet account. The address changes only once you open this link."),
    link("Confirm this address", url),
    small(`The link works once, for ${minutes} minutes. If you did not ask for it, ignore this mail.`),
  ]);
}

export function emailChangedMail(to: string, newEmail: string): Mail {
  return render(to, "Your OpenClaw Fleet e-mail address was changed", [
    p(`The e-mail address of your OpenClaw Fleet account was changed to ${newEmail}. Mail for the account now goes there.`),
    small("If you did not do this, ask a team owner or your server's operator for help at once."),
  ]);
}

export function newSignInMail(to: string, sign: { device: string; ip: string; at: string }, accountUrl: string): Mail {
  return render(to, "New sign-in to your OpenClaw Fleet account", [
    p(`Your account was signed in to from a device it had not been used on before.\n\nDevice: ${sign.device}\nAddress: ${sign.ip || "unknown"}\nTime: ${sign.at}`),
    p("If this was you, there is nothing to do. If not, change your password and end the sessions you do not recognise:"),
    link("Open your account", accountUrl),
  ]);
}

export type AlertMailInput = { severity: string; action: "trigger" | "resolve"; title: string; summary: string; ruleName: string; at: string; url: string; agents: { name: string; region: string; detail: string }[] };

export function alertMail(to: string, n: AlertMailInput): Mail {
  const heading = n.action === "resolve" ? `Resolved: ${n.title}` : `[${n.severity}] ${n.title}`;
  const agents = n.agents.slice(0, 20).map((a) => `• ${a.name}${a.region ? ` (${a.region})` : ""}: ${a.detail}`);
  if (n.agents.length > 20) agents.push(`…and ${n.agents.length - 20} more`);
  const blocks = [p(n.summary), ...(agents.length ? [p(agents.join("\n"))] : []), small(`Rule: ${n.ruleName || "—"} · ${n.at}`)];
  if (/^https?:\/\//i.test(n.url)) blocks.push(link("Open in OpenClaw Fleet", n.url));
  return render(to, heading, blocks);
}
