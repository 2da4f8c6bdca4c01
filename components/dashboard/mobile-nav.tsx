"use client";

import { Dialog as D } from "radix-ui";
import { Menu, X } from "lucide-react";
import { useState } from "react";
import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";
import { NavLinks } from "./nav-links";

/** The navigation as a sheet on small screens. */
export function MobileNav() {
  const [open, setOpen] = useState(false);
  return (
    <D.Root open={open} onOpenChange={setOpen}>
      <D.Trigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Open navigation">
          <Menu aria-hidden />
        </Button>
      </D.Trigger>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-slate-950/30 backdrop-blur-sm" />
        <D.Content className="glass fixed inset-y-0 left-0 z-50 flex w-72 flex-col gap-6 bg-white/90 p-4 dark:bg-slate-900/90">
          <D.Title className="sr-only">Navigation</D.Title>
          <D.Description className="sr-only">Pages of the dashboard</D.Description>
          <div className="flex items-center justify-between">
            <Logo />
            <D.Close asChild>
              <Button variant="ghost" size="icon" aria-label="Close navigation"><X aria-hidden /></Button>
            </D.Close>
          </div>
          <NavLinks onNavigate={() => setOpen(false)} />
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
