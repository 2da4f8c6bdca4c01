"use client";

import { Zap } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { RotationScope } from "@/lib/schemas/rotations";
import { RotateDialog } from "./rotate-dialog";

/** "Rotate to backup model" for a fixed scope (a fleet's page), opening the confirmation. */
export function RotateButton({ scope, scopeName, count, label = "Rotate to backup model" }: { scope: RotationScope; scopeName: string; count: number; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        <Zap aria-hidden /> {label}
      </Button>
      {open ? <RotateDialog scope={scope} scopeName={scopeName} count={count} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
