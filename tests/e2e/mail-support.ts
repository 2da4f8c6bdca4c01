import { e2eServerSettings, startInstance, stopInstance, type Instance } from "./instance";

// Mail in end-to-end tests: an SMTP server in the test process, and an extra production server
// (scripts/server.mjs) on the e2e database that sends to it through SMTP_URL. A test waits for a
// mail to an address and takes a link out of it.
export { startSmtpServer, linkIn, parseMail, type ReceivedMail, type SmtpStandIn } from "../helpers/smtp";

/** Ports for this spec's own servers, away from the e2e server's (E2E_PORT) and other specs'. */
export const mailPorts = (offset = 40) => {
  const base = Number(process.env.E2E_PORT ?? 3210);
  return { smtp: base + offset, app: base + offset + 1 };
};

export type AppServer = Instance & { stop: () => Promise<void> };

/** Starts scripts/server.mjs on 127.0.0.1:`port`, on the e2e database, mailing through `smtpUrl`. */
export async function startAppWithMail(port: number, smtpUrl: string, env: Record<string, string> = {}): Promise<AppServer> {
  const url = `http://127.0.0.1:${port}`;
  const instance = await startInstance("the mail server's app", {
    APP_URL: url, DATA_DIR: ".data/e2e-mail", SCHEDULER: "off", SMTP_URL: smtpUrl, SMTP_FROM: "OpenClaw Fleet <fleet@example.test>", ...e2eServerSettings(), ...env,
  }, port);
  return { ...instance, stop: () => stopInstance(instance) };
}
