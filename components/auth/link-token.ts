"use client";

import { useEffect, useState } from "react";
import { ApiError } from "@/components/api-client";

export type LinkState = "reading" | "missing" | "ready";

/**
 * The one-time secret of a mailed or shared link, read from the URL fragment (#token=…), which
 * never reaches a server; it is then dropped from the address bar and history.
 */
export function useLinkToken(): { token: string; state: LinkState } {
  const [read, setRead] = useState<{ token: string; state: LinkState }>({ token: "", state: "reading" });
  useEffect(() => {
    const found = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
    if (found) window.history.replaceState(null, "", window.location.pathname);
    // Reading the fragment needs the browser: it never reaches the server.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRead({ token: found, state: found ? "ready" : "missing" });
  }, []);
  return read;
}

/** What a failed form submission shows: the API's field errors and message, or that the server was not reached. */
export function formFailure(e: unknown): { fields: Record<string, string>; message: string } {
  if (e instanceof ApiError) return { fields: e.fieldErrors(), message: e.message };
  return { fields: {}, message: "The server could not be reached; try again." };
}

/**
 * A form's submission state: `run(work)` clears the last error, marks the form pending while the
 * work runs, and shows its failure (field errors and message); `setFields` reports checks made here.
 */
export function useFormSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  async function run(work: () => Promise<void>) {
    setPending(true);
    setError(null);
    setFields({});
    try {
      await work();
    } catch (e) {
      const failure = formFailure(e);
      setFields(failure.fields);
      setError(failure.message);
    } finally {
      setPending(false);
    }
  }
  return { pending, error, fields, setFields, run };
}
