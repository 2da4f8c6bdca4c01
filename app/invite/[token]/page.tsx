import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitation } from "@/components/teams/accept-invitation";
import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";
import { getPageSession } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await getPageSession();
  const back = encodeURIComponent(`/invite/${token}`);
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4">
      <div className="mb-8"><Logo /></div>
      <div className="glass w-full max-w-sm rounded-2xl p-6 text-center sm:p-8">
        <h1 className="text-xl font-semibold">You’ve been invited</h1>
        {session ? (
          <>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              Join the team as <strong>{session.me.user.email}</strong>. The invitation must be addressed to this e-mail.
            </p>
            <AcceptInvitation token={token} />
          </>
        ) : (
          <>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Log in or create an account with the invited e-mail address to join.</p>
            <div className="mt-6 grid gap-2">
              <Button asChild><Link href={`/signup?next=${back}`}>Sign up</Link></Button>
              <Button asChild variant="secondary"><Link href={`/login?next=${back}`}>Log in</Link></Button>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
