"use client";

import { AreaError } from "@/components/dashboard/area-error";

/** The account page's error state: the rest of the dashboard still works. */
export default function AccountError({ reset }: { error: Error; reset: () => void }) {
  return <AreaError title="Your account could not be loaded" reset={reset} />;
}
