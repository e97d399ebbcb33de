#!/usr/bin/env bash
# Reliability at full scale: every scenario of bench/chaos.py against the folder store, S3 and Swift on the Ceph
# gateway, and Azure Blob on an Azurite of this run's own, with made-up canary credentials that are then searched for
# in every output. Loopback only; every loop is bounded in count and time.
#   bench/chaos.sh           the full tree (gen-tree.py full, 5,008 files); writes docs/reliability.md
#   bench/chaos.sh --quick   the small tree and fewer kills (what .ci/run runs); writes bench/results/reliability-quick.md
#   ONLY=kill,empty bench/chaos.sh --quick   a subset of the scenarios (faults server kill ctrlc disk change hostile empty)
# Needs root for the tmpfs of the full-disk scenario and for installing rclone, awscli and the servers.
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$bench_dir/.." && pwd)"
quick=""; [ "${1:-}" = "--quick" ] && quick="--quick"
shared="${SHARED_BENCH:-$repo/../shared/bench}"
home="${CHAOS_HOME:-/tmp/mediasync-chaos}"
report="$repo/docs/reliability.md"; [ -n "$quick" ] && report="$repo/bench/results/reliability-quick.md"
for pkg in rclone awscli git; do
  dpkg -s "$pkg" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null; }
done
mkdir -p "$home"; rm -rf "$home/logs" "$home/work" "$home/folders"

echo "== the CLI (Release) and the module (for the pwsh scenario)"
dotnet publish "$repo/src/MediaSync.Cli" -c Release -o "$home/cli" --nologo -v q >/dev/null
dotnet tool restore >/dev/null  # before the first `dotnet pwsh`: a fresh machine has no pwsh until then
dotnet pwsh -NoProfile -NonInteractive -File "$repo/build.ps1" -Task Build >/dev/null  # always: a stale module would test old code
pwsh=$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/powershell/7.6.9" -name pwsh -type f | head -1)

echo "== the tree"
preset=full; [ -n "$quick" ] && preset=small
[ -f "$home/tree-$preset.complete" ] || { python3 "$shared/gen-tree.py" "$home/tree-$preset" --preset "$preset" >/dev/null; touch "$home/tree-$preset.complete"; }

echo "== servers, with canary credentials made up for this run"
stamp=$(date +%s%N | sha256sum | cut -c1-16)
canary_access="CHAOS${stamp^^}"; canary_secret="chaos-secret-$(sha256sum <<<"s$stamp" | cut -c1-24)"
canary_swift="chaos-swift-$(sha256sum <<<"w$stamp" | cut -c1-24)"
canary_azure=$(head -c 64 /dev/urandom | base64 -w0)
bash "$repo/scripts/ceph-rgw.sh" start >/dev/null
ceph_dir="${MEDIASYNC_CEPH_DIR:-/tmp/mediasync-ceph}"; rgw_port="${MEDIASYNC_RGW_PORT:-7490}"
radosgw-admin -c "$ceph_dir/ceph.conf" user create --uid="chaos-$stamp" --display-name=chaos --access-key="$canary_access" --secret="$canary_secret" >/dev/null
radosgw-admin -c "$ceph_dir/ceph.conf" subuser create --uid="chaos-$stamp" --subuser="chaos-$stamp:swift" --access=full >/dev/null
radosgw-admin -c "$ceph_dir/ceph.conf" key create --subuser="chaos-$stamp:swift" --key-type=swift --secret="$canary_swift" >/dev/null
azure_port=10011; azure_account=chaoscanary
export AZURITE_ACCOUNTS="$azure_account:$canary_azure"
MEDIASYNC_AZURITE_PORT=$azure_port MEDIASYNC_AZURITE_DIR="$home/azurite" bash "$repo/scripts/azurite.sh" start >/dev/null
trap 'MEDIASYNC_AZURITE_PORT=$azure_port MEDIASYNC_AZURITE_DIR="$home/azurite" bash "$repo/scripts/azurite.sh" stop' EXIT
azurite_bin="${MEDIASYNC_AZURITE_INSTALL:-$HOME/.cache/mediasync/azurite-3.37.0}/node_modules/.bin/azurite-blob"

export CHAOS_HOME="$home" CHAOS_TREE="$home/tree-$preset" CHAOS_GEN_TREE="$shared/gen-tree.py" CHAOS_CLI="$home/cli/mediasync"
export CHAOS_MODULE="$repo/out/MediaSync" CHAOS_PWSH="$pwsh"
export CHAOS_S3_ENDPOINT="http://127.0.0.1:$rgw_port" AWS_ACCESS_KEY_ID="$canary_access" AWS_SECRET_ACCESS_KEY="$canary_secret"
export CHAOS_SWIFT_AUTH="http://127.0.0.1:$rgw_port/auth/1.0" ST_USER="chaos-$stamp:swift" ST_KEY="$canary_swift"
export CHAOS_AZURE_ENDPOINT="http://127.0.0.1:$azure_port/$azure_account" CHAOS_AZURE_ACCOUNT="$azure_account" CHAOS_AZURE_KEY="$canary_azure"
export CHAOS_RGW_PIDFILE="$ceph_dir/run/client.rgw.mediasync.pid" CHAOS_RGW_CONF="$ceph_dir/ceph.conf"
export CHAOS_AZURITE_PIDFILE="$home/azurite/azurite.pid"
export CHAOS_AZURITE_CMD="$azurite_bin --blobHost 127.0.0.1 --blobPort $azure_port --location $home/azurite/data --skipApiVersionCheck --loose --silent"
export CHAOS_CANARIES="$canary_access,$canary_secret,$canary_swift,$canary_azure"
unset AWS_CA_BUNDLE   # rclone refuses S3 remotes while it is set

export -p | grep -E " (CHAOS_|AWS_|ST_|AZURITE_)" > "$home/env.sh"   # to rerun bench/chaos.py alone while working on it
echo "== scenarios ($preset tree)"
python3 "$bench_dir/chaos.py" $quick --report "$report" --only "${ONLY:-}"
