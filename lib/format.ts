// Words around numbers and times, for the pages and the server's messages alike.

const rules = new Intl.PluralRules("en");

/** "1 agent", "2 agents", "0 agents"; `many` for plurals that are not the word plus "s". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${rules.select(count) === "one" ? one : many}`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];
const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/**
 * "5 minutes ago", "in 3 days". An `event` (last seen, created…) has happened, so a time a little
 * ahead of this clock (the server's clock is ahead of the browser's) or within the last ten seconds
 * reads "just now", never "in 2 seconds". A `deadline` (expires…) may be ahead and says so.
 */
export function relativeTime(iso: string, now: number, kind: "event" | "deadline" = "event"): string {
  const diff = new Date(iso).getTime() - now;
  if (Number.isNaN(diff)) return "—";
  if (kind === "event" && diff > -10_000) return "just now";
  if (kind === "deadline" && Math.abs(diff) < 1_000) return "now";
  const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? ["second", 1_000];
  return format.format(Math.round(diff / ms), unit);
}

/** Dollars: cents from $1 up; below, as many digits as the figure has (to a millionth), so small costs read exactly. */
export function usd(value: number): string {
  if (value === 0 || Math.abs(value) >= 1) return `$${value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const digits = value.toFixed(6).replace(/0+$/, "");
  return `$${/\.\d$/.test(digits) ? `${digits}0` : digits}`;
}
