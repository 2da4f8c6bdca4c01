"use client";

import { AreaError } from "@/components/dashboard/area-error";

/** The policies area's error state: the rest of the dashboard still works. */
export default function PoliciesError({ reset }: { error: Error; reset: () => void }) {
  return <AreaError title="Policies could not be loaded" reset={reset} />;
}
