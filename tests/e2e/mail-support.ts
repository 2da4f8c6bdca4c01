// Mail in end-to-end tests: an SMTP server in the test process that the app's server sends to
// (SMTP_URL), waiting for a mail to an address and taking a link out of it.
export { startSmtpServer, linkIn, parseMail, type ReceivedMail, type SmtpStandIn } from "../helpers/smtp";
