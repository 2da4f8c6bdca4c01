"use client";

import { useState } from "react";
import { useLiveEvents } from "./live-provider";

/** Tells screen-reader users, politely, when an agent's status changes. */
export function LiveAnnouncer() {
  const [message, setMessage] = useState("");
  useLiveEvents((event) => {
    if (event.type === "agent.status") setMessage(`${event.name || "An agent"} is now ${event.to} (was ${event.from}).`);
  });
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-announcer">
      {message}
    </div>
  );
}
