import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SetupSteps } from "@/components/account/two-factor/setup-steps";
import { buttonVariants } from "@/components/ui/button";
import { getPageSession } from "@/lib/auth/page-session";
import { SETUP_PATH } from "@/lib/server/two-factor/required";
import { getTwoFactorStatus } from "@/lib/server/two-factor/status";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };
export const dynamic = "force-dynamic";

// Where a member of a team that requires two-factor is led until they have it; open to anyone signed in.
export default async function SetupTwoFactorPage() {
  const session = await getPageSession();
  if (!session) redirect(`/login?next=${encodeURIComponent(SETUP_PATH)}`);
  const status = await getTwoFactorStatus(session.principal.user.id);
  if (status.enabled) {
    return (
      <>
        <h1 className="text-xl font-semibold">Two-factor sign-in is on</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">Signing in with your password now asks for your second factor as well.</p>
        <Link href="/dashboard" className={buttonVariants({ size: "lg", className: "w-full" })}>Continue to the dashboard</Link>
      </>
    );
  }
  const teams = status.requiredBy.map((t) => t.name).join(", ");
  return (
    <>
      <h1 className="text-xl font-semibold">Set up two-factor sign-in</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">
        {teams ? `${teams} requires two-factor sign-in of every member. Set it up to reach the dashboard.` : "Protect your account with a second factor after your password."}
      </p>
      <SetupSteps />
    </>
  );
}
