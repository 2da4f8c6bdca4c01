"use client";

import { AreaError } from "@/components/dashboard/area-error";

/** The secrets area's error state: the rest of the dashboard still works. */
export default function SecretsError({ reset }: { error: Error; reset: () => void }) {
  return <AreaError title="Secrets could not be loaded" reset={reset} />;
}
