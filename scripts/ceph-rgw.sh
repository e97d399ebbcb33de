#!/usr/bin/env bash
# A throwaway single-node Ceph RADOS Gateway on loopback, for MediaSync's S3 tests and benchmarks.
#   scripts/ceph-rgw.sh start    installs radosgw/ceph-mon/ceph-osd from Debian if missing, starts mon + OSD (memstore)
#                                + radosgw, creates the test user, prints "endpoint=... access=... secret=..."; when one
#                                is already running it is reused and the line ends in " reused"
#   scripts/ceph-rgw.sh stop     stops what start started (only the PIDs in its run folder)
# Settings: MEDIASYNC_CEPH_DIR (default /tmp/mediasync-ceph), MEDIASYNC_RGW_PORT (default 7490).
# The test user's keys are fixed, local-only test values, never real credentials.
set -euo pipefail
. "$(dirname "$0")/pidfile.sh"
dir="${MEDIASYNC_CEPH_DIR:-/tmp/mediasync-ceph}"
port="${MEDIASYNC_RGW_PORT:-7490}"
access="${MEDIASYNC_S3_ACCESS_KEY:-MEDIASYNCTEST}"
secret="${MEDIASYNC_S3_SECRET_KEY:-mediasync-local-test-secret}"
conf="$dir/ceph.conf"

keystone_port="${MEDIASYNC_KEYSTONE_PORT:-5000}"
keystone_admin_password="${MEDIASYNC_KEYSTONE_ADMIN_PASSWORD:-mediasync-keystone-admin}"
swift_user="mediasync:swift"
swift_key="${MEDIASYNC_SWIFT_KEY:-mediasync-local-swift-key}"
# The Swift line comes first: scripts read the S3 line as the last one.
report() {
  echo "swift=http://127.0.0.1:$port/auth/1.0 user=$swift_user key=$swift_key"
  echo "endpoint=http://127.0.0.1:$port access=$access secret=$secret${1:+ $1}"
}

stop() {
  # each daemon runs with "-c $conf", which marks it as this folder's
  for name in client.rgw.mediasync osd.0 mon.a; do stop_pidfile "$dir/run/$name.pid" "$conf"; done
}

wait_for() {  # wait_for SECONDS COMMAND...: retries once a second
  local seconds=$1; shift
  for _ in $(seq 1 "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  return 1
}

start() {
  # A gateway already running is reused, and the last line says so, so that whoever started it stops it.
  if running "$dir/run/client.rgw.mediasync.pid" "$conf" && curl -sf -o /dev/null "http://127.0.0.1:$port/"; then report reused; return; fi
  if ! command -v radosgw >/dev/null || ! command -v ceph-osd >/dev/null || ! command -v ceph-mon >/dev/null; then
    echo "installing radosgw ceph-mon ceph-osd from Debian..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends radosgw ceph-mon ceph-osd >/dev/null
  fi
  stop
  free_port "$conf" "$port" gateway MEDIASYNC_RGW_PORT
  rm -rf "$dir"; mkdir -p "$dir"/{run,log,mon,osd/ceph-0}
  local fsid; fsid=$(cat /proc/sys/kernel/random/uuid)
  cat >"$conf" <<CONF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:3390
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind ipv6 = false
ms bind msgr1 = false
keyring = $dir/keyring
mon data avail warn = 5
mon data avail crit = 1
run dir = $dir/run
log file = $dir/log/\$name.log
pid file = $dir/run/\$name.pid
admin socket = $dir/run/\$name.asok
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 1000
osd crush chooseleaf type = 0
mon warn on pool no redundancy = false
erasure code dir = /usr/lib/x86_64-linux-gnu/ceph/erasure-code
plugin dir = /usr/lib/x86_64-linux-gnu/ceph
[mon]
mon data = $dir/mon/\$cluster-\$id
[osd]
keyring = $dir/osd/\$cluster-\$id/keyring
osd data = $dir/osd/\$cluster-\$id
osd objectstore = memstore
memstore device bytes = 8589934592
osd op num shards = 2
osd op num threads per shard = 2
[client.rgw.mediasync]
rgw frontends = beast endpoint=127.0.0.1:$port
rgw data = $dir/rgw
rgw thread pool size = 128
rgw dns name = localhost
rgw enable apis = s3, swift, swift_auth, admin
rgw swift url = http://127.0.0.1:$port
rgw swift account in url = false
# Swift tokens that are not the gateway's own are checked with the Keystone of scripts/keystone.sh, when it runs
rgw keystone url = http://127.0.0.1:$keystone_port
rgw keystone api version = 3
rgw keystone admin user = admin
rgw keystone admin password = $keystone_admin_password
rgw keystone admin project = admin
rgw keystone admin domain = Default
rgw keystone accepted roles = member, admin
rgw keystone implicit tenants = false
rgw keystone verify ssl = false
rgw s3 auth use keystone = false
CONF
  # cephx keys for the mon, the admin client and the gateway (radosgw does not authenticate with auth "none")
  ceph-authtool --create-keyring "$dir/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool --create-keyring "$dir/keyring" --gen-key -n client.admin \
    --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *' >/dev/null
  ceph-authtool "$dir/keyring" --gen-key -n client.rgw.mediasync --cap mon 'allow rw' --cap osd 'allow rwx' >/dev/null
  ceph-authtool "$dir/mon.keyring" --import-keyring "$dir/keyring" >/dev/null
  monmaptool --create --addv a "[v2:127.0.0.1:3390]" --fsid "$fsid" "$dir/monmap" >/dev/null
  ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/mon.keyring" >/dev/null
  ceph-mon -c "$conf" -i a 2>>"$dir/log/daemons.log"
  wait_for 30 ceph -c "$conf" -s || { echo "ceph-mon did not start; see $dir/log" >&2; exit 1; }
  ceph -c "$conf" osd create >/dev/null
  ceph-authtool --create-keyring "$dir/osd/ceph-0/keyring" --gen-key -n osd.0 >/dev/null
  ceph -c "$conf" auth add osd.0 osd 'allow *' mon 'allow profile osd' mgr 'allow profile osd' -i "$dir/osd/ceph-0/keyring" >/dev/null 2>&1
  ceph-osd -c "$conf" -i 0 --mkfs >"$dir/log/osd-mkfs.log" 2>&1 || { echo "ceph-osd --mkfs failed; see $dir/log/osd-mkfs.log" >&2; exit 1; }
  ceph -c "$conf" osd crush add-bucket host1 host >/dev/null 2>&1 || true
  ceph -c "$conf" osd crush move host1 root=default >/dev/null 2>&1 || true
  ceph -c "$conf" osd crush add osd.0 1.0 host=host1 >/dev/null 2>&1
  ceph-osd -c "$conf" -i 0 2>>"$dir/log/daemons.log"
  wait_for 60 bash -c "ceph -c '$conf' osd stat | grep -q '1 up'" || { echo "ceph-osd did not come up; see $dir/log" >&2; exit 1; }
  radosgw -c "$conf" -n client.rgw.mediasync 2>>"$dir/log/daemons.log"
  wait_for 90 curl -sf -o /dev/null "http://127.0.0.1:$port/" || { echo "radosgw did not answer on $port; see $dir/log" >&2; exit 1; }
  radosgw-admin -c "$conf" user create --uid=mediasync --display-name=mediasync --access-key="$access" --secret="$secret" >/dev/null
  # the same account through the Swift API (v1 auth): a subuser with full access and a Swift key
  radosgw-admin -c "$conf" subuser create --uid=mediasync --subuser="$swift_user" --access=full >/dev/null
  radosgw-admin -c "$conf" key create --subuser="$swift_user" --key-type=swift --secret="$swift_key" >/dev/null
  report
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
