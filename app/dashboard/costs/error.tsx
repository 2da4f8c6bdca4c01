"use client";

import { AreaError } from "@/components/dashboard/area-error";

/** The costs area's error state: the figures could not be loaded; the rest of the dashboard still works. */
export default function CostsError({ reset }: { error: Error; reset: () => void }) {
  return <AreaError title="Costs could not be loaded" reset={reset} />;
}
