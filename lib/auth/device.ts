import { UAParser } from "ua-parser-js";

/**
 * A person-readable device from a user agent ("Chrome 142 on macOS 10.15"), by ua-parser-js; a
 * client it does not know (curl, a script) is named by its first product token.
 */
export function describeDevice(userAgent: string): string {
  const ua = userAgent.trim();
  if (!ua) return "Unknown device";
  const { browser, os, device } = new UAParser(ua).getResult();
  const app = [browser.name, browser.major].filter(Boolean).join(" ");
  const system = [os.name, os.version].filter(Boolean).join(" ");
  const hardware = device.type === "mobile" || device.type === "tablet" ? [device.vendor, device.model].filter(Boolean).join(" ") : "";
  if (app && system) return `${app} on ${system}${hardware ? ` (${hardware})` : ""}`;
  if (app || system) return app || system;
  return ua.split(/\s/)[0]?.slice(0, 60) || "Unknown device";
}
