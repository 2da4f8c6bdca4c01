"use client";

import { useEffect, useState } from "react";

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function relative(iso: string, now: number): string {
  const diff = new Date(iso).getTime() - now;
  const [unit, ms] = units.find(([, ms]) => Math.abs(diff) >= ms) ?? ["second", 1000];
  return format.format(Math.round(diff / ms), unit);
}

/** "5 minutes ago", kept current while the page is open; the exact time in the tooltip. */
export function RelativeTime({ iso }: { iso: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!iso) return <span className="text-slate-500">never</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString("en")} suppressHydrationWarning>
      {relative(iso, now)}
    </time>
  );
}
