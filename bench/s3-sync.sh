#!/usr/bin/env bash
# S3 sync benchmark: MediaSync against aws s3 sync, rclone sync (16 transfers, also --checksum) and s3cmd sync, on the
# same Ceph RGW (the project's scripts/ceph-rgw.sh) and the same 5,008-file tree, in ONE run.
#   bench/s3-sync.sh [RUNS] (default 3; PRESET=full|small; writes bench/results/s3-sync.md)
# Scenarios, each RUNS times: initial upload into a fresh bucket, no-op re-sync, re-sync after changing 1% of the files.
# The peers are timed by ../shared/bench/bench-peers.sh; MediaSync is timed the same way and appended to the same TSV.
set -euo pipefail
# (peer-config.sh, sourced below, sets its own "here", so this script's folder goes by another name)
bench_dir="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$bench_dir/.." && pwd)"
runs="${1:-3}"; preset="${PRESET:-full}"
shared="${SHARED_BENCH:-$repo/../shared/bench}"
export BENCH_HOME="${BENCH_HOME:-/tmp/mediasync-bench-s3}"
mkdir -p "$BENCH_HOME" "$bench_dir/results"
for pkg in awscli rclone s3cmd time; do
  dpkg -s "$pkg" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg"; }
done

gateway=$(bash "$repo/scripts/ceph-rgw.sh" start | tail -1)
export S3_SERVER=radosgw
export RGW_PORT=$(sed -E 's/.*:([0-9]+) .*/\1/' <<<"$gateway")
export S3_ACCESS_KEY=$(sed -E 's/.*access=([^ ]+).*/\1/' <<<"$gateway")
export S3_SECRET_KEY=$(sed -E 's/.*secret=([^ ]+).*/\1/' <<<"$gateway")
rm -f "$BENCH_HOME/results/results.tsv"

dotnet publish "$repo/src/MediaSync.Cli" -c Release -o "$BENCH_HOME/cli" --nologo -v q >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true   # build servers left running slowed every timed run here
TOOLS="${TOOLS:-aws rclone rclone-c s3cmd}" bash "$shared/bench-peers.sh" "$preset" "$runs"

# MediaSync, measured like the peers (wall, peak RSS, client CPU; bucket contents checked after each run)
. "$shared/peer-config.sh"
out="$BENCH_HOME/results/results.tsv"
tree="$BENCH_HOME/work/tree-mediasync"; rm -rf "$tree"; cp -a "$BENCH_HOME/tree-$preset" "$tree"
nfiles() { find "$tree" -type f | wc -l; }; nbytes() { find "$tree" -type f -printf '%s\n' | awk '{s+=$1} END{print s}'; }
measure() {  # measure SCENARIO RUN BUCKET
  local tf; tf=$(mktemp); local ok=1
  /usr/bin/time -f '%e %M %U %S' -o "$tf" "$BENCH_HOME/cli/mediasync" publish "$tree" --s3 "$3" --s3-endpoint "$S3_ENDPOINT" --path-style \
    --delete --summary >"$BENCH_HOME/work/last-mediasync.log" 2>&1 || { ok=0; tail -5 "$BENCH_HOME/work/last-mediasync.log" >&2; }
  local wall rss cu cs; read -r wall rss cu cs < <(tail -1 "$tf"); rm -f "$tf"
  local remote; remote=$(rclone size "bench:$3" --exclude ".mediasync/**" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["count"], d["bytes"])')
  local nf nb; nf=$(nfiles); nb=$(nbytes); [ "$remote" = "$nf $nb" ] || ok=0
  printf 'radosgw\t%s\tmediasync\t%s\t%s\t%s\t%s\t-\t%s\t%s\t%s\t%s\t%s\t%s\n' "$preset" "$1" "$2" "$wall" "$rss" "$nf" "$nb" \
    $remote "$ok" "$(awk -v a="$cu" -v b="$cs" 'BEGIN{printf "%.2f", a+b}')" | tee -a "$out"
}
stamp=$(date +%s); last=""
for r in $(seq 1 "$runs"); do
  b="b-mediasync-$preset-$stamp-$r"; "$AWS_BIN" --endpoint-url "$S3_ENDPOINT" s3 mb "s3://$b" >/dev/null; last=$b
  measure initial "$r" "$b"
done
for r in $(seq 1 "$runs"); do measure noop "$r" "$last"; done
for r in $(seq 1 "$runs"); do
  python3 "$shared/gen-tree.py" "$tree" --mutate "$r" --percent 1 >/dev/null
  measure change1 "$r" "$last"
done

python3 - "$out" "$bench_dir/results/s3-sync.md" "$preset" "$runs" <<'PY'
import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t") if r["preset"] == sys.argv[3]]
med = lambda tool, sc, col="wall_s": statistics.median(float(r[col]) for r in rows if r["tool"] == tool and r["scenario"] == sc)
tools = sorted({r["tool"] for r in rows}, key=lambda t: (t == "mediasync", t))
lines = [f"Preset {sys.argv[3]} ({rows[0]['files']} files), {sys.argv[4]} runs per scenario, median wall seconds (peak RSS MiB); "
         f"all buckets checked to match the tree: {'yes' if all(r['ok'] == '1' for r in rows) else 'NO'}.", "",
         "| tool | initial | no-op | 1% changed |", "|---|---:|---:|---:|"]
for t in tools:
    lines.append(f"| {t} | " + " | ".join(f"{med(t, sc):.2f} ({med(t, sc, 'maxrss_kb') / 1024:.0f})" for sc in ("initial", "noop", "change1")) + " |")
peers = [t for t in tools if t != "mediasync"]
fast = lambda sc: min(peers, key=lambda t: med(t, sc))
lines += ["", "| ratio | measured | target |", "|---|---:|---:|",
          f"| initial: MediaSync / rclone | {med('mediasync', 'initial') / med('rclone', 'initial'):.2f}x | <= 0.8x |",
          f"| no-op: MediaSync / fastest peer ({fast('noop')}) | {med('mediasync', 'noop') / med(fast('noop'), 'noop'):.2f}x | <= 0.5x |",
          f"| 1% changed: MediaSync / fastest peer ({fast('change1')}) | {med('mediasync', 'change1') / med(fast('change1'), 'change1'):.2f}x | <= 0.5x |"]
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
