import { Sidebar } from "@/components/dashboard/sidebar";
import { Topbar } from "@/components/dashboard/topbar";
import { LiveAnnouncer } from "@/components/live/live-announcer";
import { LiveProvider } from "@/components/live/live-provider";
import { requirePageSession } from "@/lib/auth/page-session";
import { supabaseRealtime } from "@/lib/server/realtime/settings";
import { SupabaseSessionKeeper } from "@/components/auth/supabase-session-keeper";
import { supabaseAuthConfig } from "@/lib/supabase/config";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { me } = await requirePageSession();
  const realtime = supabaseRealtime();
  const supabase = supabaseAuthConfig();
  return (
    <LiveProvider supabaseUrl={realtime?.url} supabaseAnonKey={realtime?.anonKey}>
    <div className="flex min-h-dvh">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="glass sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-y-0 border-l-0 p-4 lg:flex">
        <Sidebar />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <Topbar me={me} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6">
          {children}
        </main>
      </div>
      <LiveAnnouncer />
      {supabase ? <SupabaseSessionKeeper url={supabase.url} anonKey={supabase.anonKey} /> : null}
    </div>
    </LiveProvider>
  );
}
