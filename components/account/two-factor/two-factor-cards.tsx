import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Principal } from "@/lib/auth/context";
import { listPasskeys } from "@/lib/server/two-factor/passkeys";
import { getTwoFactorStatus } from "@/lib/server/two-factor/status";
import { PasskeyList } from "./passkey-list";
import { TwoFactorSettings } from "./two-factor-settings";

/** The account page's two-factor and passkey cards (server-rendered from the person's own records). */
export async function TwoFactorCards({ principal }: { principal: Principal }) {
  const [status, passkeys] = await Promise.all([getTwoFactorStatus(principal.user.id), listPasskeys(principal)]);
  return (
    <>
      <Card>
        <CardHeader><div><CardTitle>Two-factor sign-in</CardTitle><CardDescription>After your password, a code from an app on your phone or one of your passkeys.</CardDescription></div></CardHeader>
        <TwoFactorSettings status={status} />
      </Card>
      <Card>
        <CardHeader><div><CardTitle>Passkeys</CardTitle><CardDescription>Sign in with this device alone, or use a passkey as your second factor.</CardDescription></div></CardHeader>
        <PasskeyList passkeys={passkeys} />
      </Card>
    </>
  );
}
