import Link from "next/link";
import { Logo } from "@/components/logo";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <Link href="/" className="mb-8 rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
        <Logo />
      </Link>
      <div className="glass w-full max-w-sm rounded-2xl p-6 sm:p-8">{children}</div>
    </main>
  );
}
