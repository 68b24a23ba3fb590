#!/usr/bin/env bash
# LNN Lab — a real VS Code host on an offline machine, via code-server (installed outside the
# project's dependencies, cached).
#
#   scripts/code-server.sh install         install code-server once (cached) + apt deps (libkrb5-dev,
#                                          ripgrep, chromium); idempotent
#   scripts/code-server.sh bin             install if needed, print the code-server executable path
#   scripts/code-server.sh start [FOLDER]  install if needed, install the newest built *.vsix, and
#                                          serve FOLDER (default examples/) on 127.0.0.1:$PORT
#
# Environment:
#   PORT                 port to bind (default 8080)
#   VSIX                 the .vsix to install on `start` (default: newest ./*.vsix; none → skip)
#   LNN_CODE_SERVER_DIR  install cache (default ${XDG_CACHE_HOME:-$HOME/.cache}/lnn-lab/code-server)
#   LNN_CS_DATA          user-data dir for `start` (default: a fresh temp dir each time)
#   CODE_SERVER_VERSION  default 4.100.3 (the newest code-server needs Node 24)
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
RG_CACHE_VERSION="1.15.11"                                   # @vscode/ripgrep postinstall's cache dir
RG_TARBALL="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" # what it would download from GitHub
CACHE_DIR="${LNN_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lnn-lab/code-server}"
CS_BIN="$CACHE_DIR/node_modules/.bin/code-server"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[code-server.sh] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root for: $*"; return 1; fi
}

ensure_apt() {
  local missing=()
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
  # headless browser for test/host/*.mjs (playwright-core drives Debian's chromium)
  [ -n "${CHROMIUM:-}" ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here) unless its cache holds
# the tarball: seed it with Debian's rg.
seed_ripgrep_cache() {
  local dir="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_CACHE_VERSION"
  [ -s "$dir/$RG_TARBALL" ] && return 0
  mkdir -p "$dir"
  local tmp; tmp="$(mktemp -d)"
  cp "$(command -v rg)" "$tmp/rg"
  tar -C "$tmp" -czf "$dir/$RG_TARBALL" rg
  rm -rf "$tmp"
  log "seeded $dir/$RG_TARBALL with $(command -v rg)"
}

installed_version() {
  [ -x "$CS_BIN" ] && node -p "require('$CACHE_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true
}

install() {
  ensure_apt
  if [ "$(installed_version)" = "$CODE_SERVER_VERSION" ]; then return 0; fi
  local t0=$SECONDS
  seed_ripgrep_cache
  mkdir -p "$CACHE_DIR"
  [ -f "$CACHE_DIR/package.json" ] || echo '{"name":"lnn-lab-code-server","private":true}' >"$CACHE_DIR/package.json"
  log "npm i code-server@$CODE_SERVER_VERSION in $CACHE_DIR (several minutes)"
  (cd "$CACHE_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm i --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
  [ -x "$CS_BIN" ] || { log "install failed: $CS_BIN missing"; exit 1; }
  log "code-server $(installed_version) installed in $((SECONDS - t0))s"
}

start() {
  local folder="${1:-$REPO/examples}"
  folder="$(cd "$folder" && pwd)"
  local port="${PORT:-8080}"
  local data="${LNN_CS_DATA:-$(mktemp -d "${TMPDIR:-/tmp}/lnn-cs-XXXXXX")}"
  mkdir -p "$data/ext" "$data/xdg/config" "$data/xdg/data" "$data/xdg/cache" "$data/xdg/state"
  export XDG_CONFIG_HOME="$data/xdg/config" XDG_DATA_HOME="$data/xdg/data" \
    XDG_CACHE_HOME="$data/xdg/cache" XDG_STATE_HOME="$data/xdg/state"
  local vsix="${VSIX:-$(ls -t "$REPO"/*.vsix 2>/dev/null | head -n1 || true)}"
  if [ -n "$vsix" ]; then
    log "installing $vsix"
    "$CS_BIN" --user-data-dir "$data" --extensions-dir "$data/ext" --install-extension "$vsix" --force >&2
  else
    log "no .vsix found (build one: npm run package) — starting without the extension"
  fi
  echo "LNN Lab in code-server: http://127.0.0.1:$port/?folder=$(node -p 'encodeURIComponent(process.argv[1])' "$folder")"
  echo "(user data: $data; Ctrl-C to stop)"
  exec "$CS_BIN" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry \
    --disable-update-check --disable-workspace-trust --user-data-dir "$data" \
    --extensions-dir "$data/ext" "$folder"
}

cmd="${1:-install}"; shift || true
case "$cmd" in
  install) install ;;
  bin) install; echo "$CS_BIN" ;;
  start) install; start "$@" ;;
  *) echo "usage: $0 install|bin|start [FOLDER]" >&2; exit 2 ;;
esac
