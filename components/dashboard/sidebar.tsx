import Link from "next/link";
import { Logo } from "@/components/logo";
import { NavLinks } from "./nav-links";

export function Sidebar() {
  return (
    <div className="flex h-full flex-col gap-6">
      <Link href="/dashboard" className="rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
        <Logo />
      </Link>
      <NavLinks />
    </div>
  );
}
