const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Tests create and delete data freely, so they refuse any database that is not on this machine. */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host) && process.env.ALLOW_REMOTE_TEST_DATABASE !== "1") {
    throw new Error(`TEST_DATABASE_URL points at ${host}; tests only run against a local database (set ALLOW_REMOTE_TEST_DATABASE=1 to override).`);
  }
}
