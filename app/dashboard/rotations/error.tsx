"use client";

import { AreaError } from "@/components/dashboard/area-error";

/** The rotations area's error state: the rest of the dashboard still works. */
export default function RotationsError({ reset }: { error: Error; reset: () => void }) {
  return <AreaError title="Model rotations could not be loaded" reset={reset} />;
}
