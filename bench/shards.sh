#!/usr/bin/env bash
# Sharding (docs/scale.md): the wall time of one publish of a FILES-file tree to Ceph RGW, run as 1 process (no
# --shard) and as 2 and 4 processes at once (--shard i/N), each setup into a fresh bucket of its own: the initial
# upload, then a no-op re-run; then --delete-only once on the 4-part bucket.
#   bench/shards.sh [FILES] (default 20000; writes bench/results/shards.md)
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$bench_dir/.." && pwd)"
files="${1:-20000}"
home="${BENCH_HOME:-/tmp/mediasync-bench-shards}"
tree="$home/tree-$files"
mkdir -p "$home" "$bench_dir/results"
[ -d "$tree" ] || python3 "$repo/../shared/bench/gen-tree.py" --preset tiny --files "$files" --plain-names "$tree" >/dev/null

gateway=$(bash "$repo/scripts/ceph-rgw.sh" start | tail -1)
endpoint=$(sed -E 's/.*endpoint=([^ ]+).*/\1/' <<<"$gateway")
export AWS_ACCESS_KEY_ID=$(sed -E 's/.*access=([^ ]+).*/\1/' <<<"$gateway")
export AWS_SECRET_ACCESS_KEY=$(sed -E 's/.*secret=([^ ]+).*/\1/' <<<"$gateway")
dotnet build "$repo/src/MediaSync.Cli" -c Release -o "$home/cli" --nologo -v q >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true
cli="$home/cli/mediasync.dll"
id=$(date +%s)

# parts N BUCKET [OPTION...]: N processes at once (one without --shard when N is 1); prints the wall seconds
parts() {
  local n=$1 bucket=$2; shift 2
  local start pids=() i
  start=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    local shard=(); [ "$n" -gt 1 ] && shard=(--shard "$i/$n")
    dotnet "$cli" publish "$tree" --s3 "$bucket" --s3-endpoint "$endpoint" --path-style --summary "${shard[@]}" "$@" >"$home/log.$n.$i" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || { echo "part $((i + 1))/$n failed:" >&2; tail -3 "$home/log.$n.$((i + 1))" >&2; exit 1; }; done
  python3 -c "import time; print(f'{time.time() - $start:.1f}')"
}

count() { aws --endpoint-url "$endpoint" s3 ls "s3://$1" --recursive | grep -vc ' \.mediasync/' || true; }

load=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for n in 1 2 4; do
  bucket="shard-bench-$n-$id"
  aws --endpoint-url "$endpoint" s3 mb "s3://$bucket" >/dev/null
  initial=$(parts "$n" "$bucket")
  noop=$(parts "$n" "$bucket")
  written=$(grep -ho 'uploaded [0-9]*' "$home"/log."$n".* | awk '{s+=$2} END{print s+0}')
  rows+=("| $n | $initial | $noop | $(count "$bucket") | $written |")
done
deleteonly=$(parts 1 "shard-bench-4-$id" --delete-only)
{
  echo "# Sharded publish, $(find "$tree" -type f | wc -l) files ($(du -sh "$tree" | cut -f1)), Ceph RGW on the same machine"
  echo
  echo "$(nproc) cores; load average at the start $load, at the end $(cut -d' ' -f1-3 /proc/loadavg). Wall seconds, one run each."
  echo
  echo "| processes | initial upload | no-op re-run | objects in the bucket | written by the no-op |"
  echo "|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "--delete-only after the 4 parts (lists once, deletes nothing here): $deleteonly s"
} | tee "$bench_dir/results/shards.md"
