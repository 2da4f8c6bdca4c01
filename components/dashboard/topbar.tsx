import type { getMe } from "@/lib/server/accounts/me";
import { LiveBadge } from "@/components/live/live-badge";
import { CommandPalette } from "./command-palette";
import { MobileNav } from "./mobile-nav";
import { TeamSwitcher } from "./team-switcher";
import { UserMenu } from "./user-menu";

type Me = Awaited<ReturnType<typeof getMe>>;

export function Topbar({ me }: { me: Me }) {
  return (
    <header className="glass sticky top-0 z-30 flex h-14 items-center gap-3 border-x-0 border-t-0 px-4 sm:px-6">
      <MobileNav />
      <TeamSwitcher teams={me.teams} activeTeamId={me.activeTeamId} />
      <div className="ml-auto flex items-center gap-3">
        <CommandPalette />
        <LiveBadge />
        <UserMenu name={me.user.name} email={me.user.email} />
      </div>
    </header>
  );
}
