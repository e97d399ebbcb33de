#!/usr/bin/env bash
# A throwaway OpenStack Keystone (identity v3) on loopback, for MediaSync's Swift tests: its catalog names the Swift
# API of the Ceph gateway of scripts/ceph-rgw.sh, which checks Keystone tokens against it.
#   scripts/keystone.sh start   installs keystone from Debian if missing, makes a fresh SQLite database, bootstraps the
#                               admin, creates the project and user "mediasync" (role member) and the object-store
#                               endpoint, starts the API and prints "auth=... project=... user=... password=..."; when
#                               one is already running it is reused and the line ends in " reused"
#   scripts/keystone.sh stop    stops what start started (only the PID in its run folder); the next start reuses
#                               its database
# Settings: MEDIASYNC_KEYSTONE_DIR (default /tmp/mediasync-keystone), MEDIASYNC_KEYSTONE_PORT (default 5000),
# MEDIASYNC_RGW_PORT (default 7490). Passwords are fixed, local-only test values, never real credentials.
set -euo pipefail
. "$(dirname "$0")/pidfile.sh"
dir="${MEDIASYNC_KEYSTONE_DIR:-/tmp/mediasync-keystone}"
port="${MEDIASYNC_KEYSTONE_PORT:-5000}"
rgw_port="${MEDIASYNC_RGW_PORT:-7490}"
admin_password="${MEDIASYNC_KEYSTONE_ADMIN_PASSWORD:-mediasync-keystone-admin}"
password="${MEDIASYNC_KEYSTONE_PASSWORD:-mediasync-keystone-secret}"
pidfile="$dir/keystone.pid"
api="http://127.0.0.1:$port/v3"

report() { echo "auth=$api project=mediasync user=mediasync password=$password domain=Default${1:+ $1}"; }

mark="$dir/keystone.conf"  # in the command line of the Keystone this folder started

stop() { stop_pidfile "$pidfile" "$mark"; }

# manage ARGS...: keystone-manage on this folder's config; its exit-time eventlet noise is dropped
manage() { keystone-manage --config-file "$dir/keystone.conf" "$@" >>"$dir/manage.log" 2>&1; }

# call METHOD PATH [JSON]: the admin's API call, printing the body
call() {
  curl -sf -X "$1" -H "X-Auth-Token: $token" -H 'Content-Type: application/json' ${3:+-d "$3"} "$api$2"
}

serve() {
  nohup keystone-wsgi-public --host 127.0.0.1 --port "$port" -- --config-file "$dir/keystone.conf" >"$dir/server.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 60); do
    curl -sf -o /dev/null "$api" && return
    running "$pidfile" "$mark" || { cat "$dir/server.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "keystone did not answer on $port within 30 s" >&2; cat "$dir/server.log" >&2; exit 1
}

start() {
  if running "$pidfile" "$mark"; then
    if curl -sf -o /dev/null "$api"; then report reused; return; fi
    stop  # ours, but no longer answering: it is started afresh
  fi
  free_port "$mark" "$port" Keystone MEDIASYNC_KEYSTONE_PORT
  if ! command -v keystone-manage >/dev/null || ! command -v jq >/dev/null; then
    echo "installing keystone and jq from Debian..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends keystone jq >/dev/null
  fi
  # The database and keys outlive a stop: a gateway that keeps running keeps its admin token, which a fresh
  # Keystone would no longer accept.
  if [ -f "$dir/ready" ]; then serve; report; return; fi
  rm -rf "$dir"; mkdir -p "$dir"
  cat >"$dir/keystone.conf" <<CONF
[DEFAULT]
log_dir = $dir
log_file = keystone.log
[database]
connection = sqlite:///$dir/keystone.db
[token]
provider = fernet
[fernet_tokens]
key_repository = $dir/fernet-keys
[credential]
key_repository = $dir/credential-keys
CONF
  manage db_sync
  manage fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
  manage credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
  manage bootstrap --bootstrap-password "$admin_password" --bootstrap-public-url "$api" --bootstrap-region-id RegionOne
  serve
  token=$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"},\"password\":\"$admin_password\"}}},\"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"}}}}}" \
    "$api/auth/tokens" | tr -d '\r' | awk 'tolower($1)=="x-subject-token:"{print $2}')
  local project user role service
  project=$(call POST /projects '{"project":{"name":"mediasync","domain_id":"default"}}' | jq -r .project.id)
  user=$(call POST /users "{\"user\":{\"name\":\"mediasync\",\"domain_id\":\"default\",\"password\":\"$password\"}}" | jq -r .user.id)
  role=$(call GET "/roles?name=member" | jq -r '.roles[0].id')
  call PUT "/projects/$project/users/$user/roles/$role" >/dev/null
  service=$(call POST /services '{"service":{"type":"object-store","name":"swift"}}' | jq -r .service.id)
  call POST /endpoints "{\"endpoint\":{\"service_id\":\"$service\",\"interface\":\"public\",\"region_id\":\"RegionOne\",\"url\":\"http://127.0.0.1:$rgw_port/swift/v1\"}}" >/dev/null
  touch "$dir/ready"
  report
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
