#!/usr/bin/env bash
# `npm test`: installs what the tests need on a fresh Debian/Ubuntu machine
# (system packages, then npm packages) and runs every check CI runs:
# format, lint, typecheck, build, unit + integration tests (real SQLite, real
# gnome-keyring, the mock API over real HTTP) and the e2e specs in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# --- system packages -------------------------------------------------------
need_pkgs=()
for pkg in chromium libsecret-1-dev pkg-config gnome-keyring dbus dbus-x11 python3 make g++ fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$pkg")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  step "Installing system packages: ${need_pkgs[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# --- npm packages ----------------------------------------------------------
# The Electron binary and Playwright's browsers are downloads outside the npm
# registry: the tests use Debian's Chromium instead. Set PARLEY_WITH_ELECTRON=1
# on a machine that can download Electron to also run the e2e specs in it.
[ "${PARLEY_WITH_ELECTRON:-0}" = 1 ] || export ELECTRON_SKIP_BINARY_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# keytar compiles against the system's Node headers instead of downloading them.
[ -d /usr/include/node ] && export npm_config_nodedir=/usr
stamp=node_modules/.parley-installed
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  step "Installing npm packages"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

# Node 24 (the line Electron 45 embeds) comes from the `node` package.
export PATH="$PWD/node_modules/.bin:$PATH"
case "$(node --version)" in
  v24.*) ;;
  *) echo "Expected Node 24 from node_modules/.bin, got $(node --version)" >&2; exit 1 ;;
esac

step "Format, lint, typecheck"
npx prettier --check . --log-level warn
npx eslint . --max-warnings 0
npx tsc --noEmit -p tsconfig.json

step "Build"
npm run build --silent

# One session bus with an unlocked gnome-keyring for everything below, so the
# keychain tests talk to a real Secret Service. The keyring lives in a fresh
# folder: never the developer's own keyring, and never one locked with another
# password by an earlier run.
step "Unit, integration and e2e tests (real keychain, real SQLite, real Chromium)"
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
  set -euo pipefail
  printf %s parley-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  npx vitest run
  npx playwright test
' 2> >(grep -v "Failed to set fd limit" >&2)
