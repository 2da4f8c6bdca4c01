import type { Metadata } from "next";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import { SessionList } from "@/components/account/session-list";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageSession } from "@/lib/auth/page-session";
import { listSessions } from "@/lib/server/accounts/list-sessions";
import { TwoFactorCards } from "@/components/account/two-factor/two-factor-cards";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const { principal, me } = await requirePageSession();
  const sessions = await listSessions(principal);
  return (
    <>
      <PageHeader title="Account" description="Your name, your password and where you are signed in." />
      <div className="grid gap-6">
        <Card>
          <CardHeader><CardTitle>Profile</CardTitle></CardHeader>
          <ProfileForm name={me.user.name} email={me.user.email} />
        </Card>
        <Card>
          <CardHeader><div><CardTitle>Password</CardTitle><CardDescription>Changing it signs you out everywhere else; this browser stays signed in.</CardDescription></div></CardHeader>
          <PasswordForm />
        </Card>
        <TwoFactorCards principal={principal} />
        <Card>
          <CardHeader><div><CardTitle>Sessions</CardTitle><CardDescription>Where you are signed in. Activity is recorded to the hour.</CardDescription></div></CardHeader>
          <SessionList sessions={sessions} />
        </Card>
      </div>
    </>
  );
}
