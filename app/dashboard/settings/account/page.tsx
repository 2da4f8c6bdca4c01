import type { Metadata } from "next";
import { EmailForm } from "@/components/account/email-form";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import { SessionList } from "@/components/account/session-list";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageSession } from "@/lib/auth/page-session";
import { listSessions } from "@/lib/server/accounts/list-sessions";
import { supabaseAuthConfig } from "@/lib/supabase/config";
import { TwoFactorCards } from "@/components/account/two-factor/two-factor-cards";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const { principal, me } = await requirePageSession();
  // With Supabase Auth, the password and sessions are the project's, not this server's.
  const supabase = supabaseAuthConfig() !== null;
  const sessions = supabase ? [] : await listSessions(principal);
  return (
    <>
      <PageHeader title="Account" description="Your name, your password and where you are signed in." />
      <div className="grid gap-6">
        <Card>
          <CardHeader><CardTitle>Profile</CardTitle></CardHeader>
          <ProfileForm name={me.user.name} email={me.user.email} />
        </Card>
        {supabase ? (
          <Card>
            <CardHeader><div><CardTitle>E-mail, password and sessions</CardTitle><CardDescription>You sign in through Supabase Auth: your e-mail address, password, sign-in links and sessions are managed there.</CardDescription></div></CardHeader>
          </Card>
        ) : (
          <>
            <Card>
              <CardHeader><div><CardTitle>E-mail address</CardTitle><CardDescription>Confirmed from the new address before it changes; the current password is needed.</CardDescription></div></CardHeader>
              <EmailForm email={me.user.email} />
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
          </>
        )}
      </div>
    </>
  );
}
