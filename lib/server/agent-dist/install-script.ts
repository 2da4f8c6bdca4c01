import type { AgentBuild } from "./build";

// Values go into the script between single quotes: anything else could run on the host.
const quote = (value: string) => `'${value.replaceAll("'", `'"'"'`)}'`;

/**
 * `GET /install.sh`: a POSIX sh installer that takes the agent from this same server (so a private
 * or air-gapped install never reaches the internet), checks its SHA-256, installs it under the
 * user's prefix with a `clawfleet` command and, given a code, pairs; `--service` installs the service.
 */
export function installScript(origin: string, build: Pick<AgentBuild, "version" | "sha256" | "nodeFlags">): string {
  return `#!/bin/sh
# OpenClaw Fleet agent (clawfleet ${build.version}) installer, served by ${origin}
#   curl -fsSL ${origin}/install.sh | sh -s -- --code XXXX-XXXX-XXXX [--service] [--gateway URL] [--prefix DIR]
set -eu

SERVER=${quote(origin)}
VERSION=${quote(build.version)}
SHA256=${quote(build.sha256)}
PREFIX="\${CLAWFLEET_PREFIX:-\${HOME}/.local}"
CODE=""
GATEWAY=""
SERVICE=""

say() { printf '%s\\n' "clawfleet install: $*"; }
fail() { printf '%s\\n' "clawfleet install: $*" >&2; exit 1; }
usage() {
  cat <<USAGE
Installs clawfleet \${VERSION} from \${SERVER} into PREFIX/lib/clawfleet with a command in PREFIX/bin.
Options:
  --code CODE      pair this host with the agent whose pairing code this is
  --gateway URL    the local OpenClaw gateway (default: found on this host)
  --service        install and start clawfleet as a service (systemd or launchd, for this user)
  --prefix DIR     where to install (default \\$CLAWFLEET_PREFIX or ~/.local)
USAGE
}

while [ "$#" -gt 0 ]; do
  case "$1" in
    --code) [ "$#" -ge 2 ] || fail "--code needs a value"; CODE="$2"; shift 2 ;;
    --code=*) CODE="\${1#--code=}"; shift ;;
    --gateway) [ "$#" -ge 2 ] || fail "--gateway needs a value"; GATEWAY="$2"; shift 2 ;;
    --gateway=*) GATEWAY="\${1#--gateway=}"; shift ;;
    --prefix) [ "$#" -ge 2 ] || fail "--prefix needs a value"; PREFIX="$2"; shift 2 ;;
    --prefix=*) PREFIX="\${1#--prefix=}"; shift ;;
    --service) SERVICE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option: $1" ;;
  esac
done

NODE="$(command -v node 2>/dev/null || true)"
[ -n "$NODE" ] || fail "Node.js 20 or newer is needed and was not found on PATH (OpenClaw hosts have it: the gateway runs on Node)"
MAJOR="$("$NODE" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
[ "$MAJOR" -ge 20 ] 2>/dev/null || fail "Node.js 20 or newer is needed; $NODE is $("$NODE" --version 2>/dev/null || echo unknown)"

TMP="$(mktemp -d 2>/dev/null || mktemp -d -t clawfleet)"
trap 'rm -rf "$TMP"' EXIT INT TERM
URL="\${SERVER}/clawfleet/clawfleet.mjs"
if command -v curl >/dev/null 2>&1; then
  curl -fsSL "$URL" -o "$TMP/clawfleet.mjs" || fail "could not download $URL"
elif command -v wget >/dev/null 2>&1; then
  wget -q -O "$TMP/clawfleet.mjs" "$URL" || fail "could not download $URL"
else
  "$NODE" -e 'fetch(process.argv[1]).then(async (r) => { if (!r.ok) process.exit(1); require("fs").writeFileSync(process.argv[2], Buffer.from(await r.arrayBuffer())); }, () => process.exit(1))' "$URL" "$TMP/clawfleet.mjs" || fail "could not download $URL"
fi

if command -v sha256sum >/dev/null 2>&1; then
  ACTUAL="$(sha256sum "$TMP/clawfleet.mjs" | cut -d ' ' -f 1)"
elif command -v shasum >/dev/null 2>&1; then
  ACTUAL="$(shasum -a 256 "$TMP/clawfleet.mjs" | cut -d ' ' -f 1)"
else
  ACTUAL="$("$NODE" -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$TMP/clawfleet.mjs")"
fi
[ "$ACTUAL" = "$SHA256" ] || fail "checksum mismatch for $URL (expected $SHA256, got $ACTUAL): nothing was installed"

mkdir -p "$PREFIX/lib/clawfleet" "$PREFIX/bin"
cp "$TMP/clawfleet.mjs" "$PREFIX/lib/clawfleet/clawfleet.mjs.new"
mv -f "$PREFIX/lib/clawfleet/clawfleet.mjs.new" "$PREFIX/lib/clawfleet/clawfleet.mjs"
cat > "$PREFIX/bin/clawfleet.new" <<WRAPPER
#!/bin/sh
exec "$NODE" ${build.nodeFlags.join(" ")} "$PREFIX/lib/clawfleet/clawfleet.mjs" "\\$@"
WRAPPER
chmod 755 "$PREFIX/bin/clawfleet.new"
mv -f "$PREFIX/bin/clawfleet.new" "$PREFIX/bin/clawfleet"
say "installed clawfleet $VERSION in $PREFIX/bin/clawfleet (checksum verified)"
case ":\${PATH}:" in *":$PREFIX/bin:"*) ;; *) say "add $PREFIX/bin to your PATH to run clawfleet by name" ;; esac

if [ -n "$CODE" ]; then
  if [ -n "$GATEWAY" ]; then
    "$PREFIX/bin/clawfleet" pair --url "$SERVER" --code "$CODE" --gateway "$GATEWAY"
  elif (exec </dev/tty) 2>/dev/null; then
    # This script arrives on standard input (curl | sh): the terminal answers if several gateways are found.
    "$PREFIX/bin/clawfleet" pair --url "$SERVER" --code "$CODE" </dev/tty
  else
    "$PREFIX/bin/clawfleet" pair --url "$SERVER" --code "$CODE"
  fi
fi
if [ -n "$SERVICE" ]; then
  "$PREFIX/bin/clawfleet" install-service --user
elif [ -n "$CODE" ]; then
  say "paired: start it with '$PREFIX/bin/clawfleet run', or as a service with '$PREFIX/bin/clawfleet install-service'"
fi
`;
}
