#!/usr/bin/env bash
# What checked content costs (issue 15): every byte a store reads is hashed again and the source re-checked at the
# end, so a file rewritten mid-upload cannot land. This measures the CLI as built against the same commit with that
# check taken out, in ONE run, on the same Ceph RGW (scripts/ceph-rgw.sh) and the 5,008-file tree:
#   bench/checked-content.sh [RUNS] (default 5; PRESET=full|small; writes bench/results/checked-content.md)
# Per run, alternating which goes first: an initial upload into a fresh bucket, and a copy into a fresh folder.
# The unchecked build is made in a throwaway worktree and never committed.
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$bench_dir/.." && pwd)"
runs="${1:-5}"; preset="${PRESET:-full}"
shared="${SHARED_BENCH:-$repo/../shared/bench}"
home="${BENCH_HOME:-/tmp/mediasync-bench-checked}"
mkdir -p "$home" "$bench_dir/results"
command -v rclone >/dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rclone time; }

gateway=$(bash "$repo/scripts/ceph-rgw.sh" start | tail -1)
endpoint=$(sed -E 's/.*endpoint=([^ ]+).*/\1/' <<<"$gateway")
export AWS_ACCESS_KEY_ID=$(sed -E 's/.*access=([^ ]+).*/\1/' <<<"$gateway")
export AWS_SECRET_ACCESS_KEY=$(sed -E 's/.*secret=([^ ]+).*/\1/' <<<"$gateway")
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Ceph RCLONE_CONFIG_BENCH_ENDPOINT="$endpoint" \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
export RCLONE_CONFIG="$home/rclone.conf"; : >"$RCLONE_CONFIG"  # the remote is all env; an empty file keeps rclone quiet
unset AWS_CA_BUNDLE

tree="$home/tree-$preset"
[ -d "$tree" ] || python3 "$shared/gen-tree.py" "$tree" --preset "$preset" >/dev/null

# the two builds: as committed, and the same source with StorePut handing stores the content unchecked
dotnet publish "$repo/src/MediaSync.Cli" -c Release -o "$home/checked" --nologo -v q >/dev/null
rm -rf "$home/unchecked-src"; git -C "$repo" worktree prune
git -C "$repo" worktree add -q --detach "$home/unchecked-src" HEAD
trap 'git -C "$repo" worktree remove --force "$home/unchecked-src"' EXIT
put="$home/unchecked-src/src/MediaSync.Engine/Stores/IMediaStore.cs"
sed -i -E 's|Content = new CheckedContent\((content \?\? throw new ArgumentNullException\(nameof\(content\)\)), .*;|Content = \1;|' "$put"
grep -q 'Content = content ?? throw new ArgumentNullException(nameof(content));' "$put" || { echo "the patch did not apply to $put" >&2; exit 1; }
dotnet publish "$home/unchecked-src/src/MediaSync.Cli" -c Release -o "$home/unchecked" --nologo -v q >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true

results="$home/results.tsv"; printf 'variant\tscenario\trun\twall_s\tuser_s\tsys_s\tok\n' >"$results"
expected=$(find "$tree" -type f | wc -l)
measure() {  # measure VARIANT SCENARIO RUN TARGET ARGS...: one publish, then a count of what TARGET holds
  local variant=$1 scenario=$2 run=$3 target=$4; shift 4
  local tf; tf=$(mktemp)
  /usr/bin/time -f '%e %U %S' -o "$tf" "$home/$variant/mediasync" publish "$tree" "$@" >"$home/last.log" 2>&1 || { tail -5 "$home/last.log" >&2; }
  local wall cu cs; read -r wall cu cs < <(tail -1 "$tf"); rm -f "$tf"
  local got
  if [ "$scenario" = s3 ]; then got=$(rclone size "bench:$target" --exclude ".mediasync/**" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  else got=$(find "$target" -type f | wc -l); fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$scenario" "$run" "$wall" "$cu" "$cs" \
    "$([ "$got" = "$expected" ] && echo 1 || echo 0)" | tee -a "$results"
}
stamp=$(date +%s)
for r in $(seq 1 "$runs"); do
  order="checked unchecked"; [ $((r % 2)) -eq 0 ] && order="unchecked checked"
  for variant in $order; do
    bucket="cc-$variant-$stamp-$r"; rclone mkdir "bench:$bucket"
    measure "$variant" s3 "$r" "$bucket" --s3 "$bucket" --s3-endpoint "$endpoint" --path-style
    rclone purge "bench:$bucket"
    folder="$home/out-$variant"; rm -rf "$folder"; sync
    measure "$variant" folder "$r" "$folder" --destination "$folder"
    rm -rf "$folder"
  done
done

python3 - "$results" "$bench_dir/results/checked-content.md" "$preset" "$runs" "$expected" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
med = lambda v, sc, col: statistics.median(float(r[col]) for r in rows if r["variant"] == v and r["scenario"] == sc)
span = lambda v, sc: "-".join(f"{f(float(r['wall_s']) for r in rows if r['variant'] == v and r['scenario'] == sc):.2f}" for f in (min, max))
ok = all(r["ok"] == "1" for r in rows)
lines = [f"Preset {sys.argv[3]} ({sys.argv[5]} files), {sys.argv[4]} runs per variant, alternating which goes first; median wall "
         f"seconds (min-max) and median client CPU, user + system; every target checked to hold every file: {'yes' if ok else 'NO'}.", "",
         "| initial publish | checked (as shipped) | unchecked | checked / unchecked, wall | user CPU, checked - unchecked |",
         "|---|---:|---:|---:|---:|"]
for sc, name in (("s3", "S3 on Ceph RGW"), ("folder", "local folder (copy)")):
    cell = lambda v: (f"{med(v, sc, 'wall_s'):.2f} s ({span(v, sc)}), CPU {med(v, sc, 'user_s'):.2f} + {med(v, sc, 'sys_s'):.2f} s")
    c, u = med("checked", sc, "wall_s"), med("unchecked", sc, "wall_s")
    lines.append(f"| {name} | {cell('checked')} | {cell('unchecked')} | {c / u:.2f}x | {med('checked', sc, 'user_s') - med('unchecked', sc, 'user_s'):+.2f} s |")
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
