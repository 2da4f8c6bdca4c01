"use client";

import { useEffect, useState } from "react";
import { relativeTime } from "@/lib/format";

/**
 * "5 minutes ago", kept current while the page is open; the exact time in the tooltip. `deadline`
 * for times that may lie ahead (expiry); otherwise the time is of something that has happened.
 */
export function RelativeTime({ iso, deadline = false }: { iso: string | null; deadline?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(timer);
  }, []);
  if (!iso) return <span className="text-slate-500">never</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString("en")} suppressHydrationWarning>
      {relativeTime(iso, now, deadline ? "deadline" : "event")}
    </time>
  );
}
