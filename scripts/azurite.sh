#!/usr/bin/env bash
# A throwaway Azurite (the Azure Storage emulator) on loopback, for MediaSync's Azure Blob tests and benchmarks.
#   scripts/azurite.sh start   installs azurite 3.37.0 from npm if missing (into MEDIASYNC_AZURITE_DIR), starts its
#                              blob service, prints "endpoint=... account=... key=..."; when one is already running it
#                              is reused and the line ends in " reused"
#   scripts/azurite.sh stop    stops what start started (only the PID in its run folder)
# Settings: MEDIASYNC_AZURITE_DIR (default /tmp/mediasync-azurite), MEDIASYNC_AZURITE_PORT (default 10000).
# The account and key are the emulator's well-known development values, never real credentials.
set -euo pipefail
. "$(dirname "$0")/pidfile.sh"
version=3.37.0
dir="${MEDIASYNC_AZURITE_DIR:-/tmp/mediasync-azurite}"
port="${MEDIASYNC_AZURITE_PORT:-10000}"
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
install="${MEDIASYNC_AZURITE_INSTALL:-$HOME/.cache/mediasync/azurite-$version}"
pidfile="$dir/azurite.pid"

report() { echo "endpoint=http://127.0.0.1:$port/$account account=$account key=$key${1:+ $1}"; }

mark="$dir/data"  # in the command line of the Azurite this folder started

stop() { stop_pidfile "$pidfile" "$mark"; }

start() {
  if running "$pidfile" "$mark"; then
    if answers "http://127.0.0.1:$port/"; then report reused; return; fi
    stop  # ours, but not answering: it is started afresh
  fi
  free_port "$mark" "$port" Azurite MEDIASYNC_AZURITE_PORT
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "installing nodejs and npm from Debian..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  if [ ! -x "$install/node_modules/.bin/azurite-blob" ]; then
    echo "installing azurite $version from npm into $install..." >&2
    mkdir -p "$install"
    npm install --prefix "$install" --no-audit --no-fund --loglevel=error "azurite@$version" >&2
  fi
  rm -rf "$dir"; mkdir -p "$dir/data"
  nohup "$install/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$port" --location "$dir/data" \
    --skipApiVersionCheck --loose --silent >"$dir/azurite.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 60); do
    if listening "$port"; then report; return; fi
    running "$pidfile" "$mark" || { cat "$dir/azurite.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "azurite did not listen on 127.0.0.1:$port within 30 s" >&2; cat "$dir/azurite.log" >&2; exit 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
