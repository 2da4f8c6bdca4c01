import { createBrowserClient } from "@supabase/ssr";

/**
 * The browser's Supabase client: its session lives in cookies the server reads (and verifies). The
 * URL and key come from the server at run time, not from the build, so one build serves any project.
 */
export const supabaseBrowser = (url: string, anonKey: string) => createBrowserClient(url, anonKey);
