#!/usr/bin/env bash
# Scale benchmark (issue 27): MediaSync (CLI and Publish-Media in pwsh) against aws s3 sync, rclone sync --checksum,
# s3cmd sync, rsync -a and cp -r, on trees of N small files, all tools one after another in ONE run.
#   bench/scale.sh [SIZES...]      (default "5000 100000"; add 1000000 only when asked)
#   bench/scale.sh --report        (rewrites the table from the last run's TSV)
# Writes bench/results/scale.tsv (one row per timed command) and bench/results/scale.md (the Goals table).
# Per size, each S3 tool gets its own bucket: initial, no-op x2, 1% changed; its bucket is emptied afterwards, since
# the gateway's memstore (8 GiB, scripts/ceph-rgw.sh) cannot hold every tool's copy at 100k files.
# Local: initial (vs cp -r), no-op x2 (vs rsync -a). The smallest size is also measured at 2N (CLI no-ops only).
# Env: SCALE_WORK (default /tmp/mediasync-bench-scale; trees are cached there), SCALE_SKIP_BUILD=1 (use the built
# out/MediaSync and $SCALE_WORK/cli as they are), SCALE_KEEP=1 (keep the CLI's last bucket, tree and local copy,
# listed in $SCALE_WORK/kept.env, for profiling a no-op afterwards), SCALE_TOOLS (the S3 tools and their order; default
# "ms-cli rclone-c aws ms-pwsh s3cmd", the slowest uploaders last), SCALE_LOCAL=0 (skip the local tools),
# SCALE_ADD_ROWS=1 (keep the size's rows already in the TSV: finishing a run that was stopped part way).
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$bench_dir/.." && pwd)"
shared="${SHARED_BENCH:-$repo/../shared/bench}"
work="${SCALE_WORK:-/tmp/mediasync-bench-scale}"
tsv="$bench_dir/results/scale.tsv"; md="$bench_dir/results/scale.md"
report() { python3 "$bench_dir/scale_report.py" "$tsv" "$md"; }
if [ "${1:-}" = --report ]; then report; exit; fi
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(5000 100000)
mkdir -p "$work/trees" "$work/run" "$bench_dir/results"
for pkg in awscli rclone s3cmd time rsync; do
  dpkg -s "$pkg" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg"; }
done

tree_of() {  # tree_of N -> path of the cached tree of N small files (generated once)
  local t="$work/trees/tree-$1"
  if [ ! -d "$t" ]; then
    python3 "$shared/gen-tree.py" "$t.tmp" --preset tiny --files "$1" --plain-names >&2
    mv "$t.tmp" "$t"
  fi
  echo "$t"
}

gateway=$(bash "$repo/scripts/ceph-rgw.sh" start | tail -1)
started_gateway=1; [[ "$gateway" == *" reused" ]] && started_gateway=0
stop_gateway() { [ "$started_gateway" = 1 ] && bash "$repo/scripts/ceph-rgw.sh" stop || true; }
trap stop_gateway EXIT
export BENCH_HOME="$work" S3_SERVER=radosgw
export RGW_PORT=$(sed -E 's/.*:([0-9]+) .*/\1/' <<<"$gateway")
export S3_ACCESS_KEY=$(sed -E 's/.*access=([^ ]+).*/\1/' <<<"$gateway")
export S3_SECRET_KEY=$(sed -E 's/.*secret=([^ ]+).*/\1/' <<<"$gateway")
. "$shared/peer-config.sh"
# the peers are called exactly as ../shared/bench/bench-peers.sh calls them (its sync_cmd, 16 requests each)
export TRANSFERS="${TRANSFERS:-16}" AWS_CONFIG_FILE="$BENCH_HOME/conf/aws-config"
printf '[default]\nregion = us-east-1\ns3 =\n    max_concurrent_requests = %s\n' "$TRANSFERS" >"$AWS_CONFIG_FILE"
eval "$(sed -n '/^sync_cmd()/,/^}/p' "$shared/bench-peers.sh")"

if [ "${SCALE_SKIP_BUILD:-0}" != 1 ] || [ ! -x "$work/cli/mediasync" ] || [ ! -d "$repo/out/MediaSync" ]; then
  dotnet publish "$repo/src/MediaSync.Cli" -c Release -o "$work/cli" --nologo -v q >/dev/null
  (cd "$repo" && dotnet tool restore >/dev/null && dotnet pwsh -NoProfile -File build.ps1 >/dev/null)
  dotnet build-server shutdown >/dev/null 2>&1 || true   # build servers left running slowed every timed run here
fi
ms="$work/cli/mediasync"; module="$repo/out/MediaSync"

# The cmdlet runs in pwsh; its in-process time (Measure-Command around Publish-Media alone) goes to $inner.
inner="$work/run/inner-seconds"
cmdlet() {  # cmdlet TREE (-Destination DIR | -Bucket B)
  local tree=$1 kind=$2 target=$3
  local store="\$null"; [ "$kind" = -Bucket ] && store="New-MediaStore -S3 -Bucket '$target' -EndpointUrl '$S3_ENDPOINT' -ForcePathStyle"
  local call="Publish-Media -LiteralPath '$tree' -Destination '$target' -Delete -Summary"
  [ "$kind" = -Bucket ] && call="Publish-Media -LiteralPath '$tree' -Store \$s -Delete -Summary"
  local script="\$ErrorActionPreference='Stop'; Import-Module '$module'; \$s = $store;
    \$t = Measure-Command { $call | Out-Host }; [IO.File]::WriteAllText('$inner', \$t.TotalSeconds.ToString([Globalization.CultureInfo]::InvariantCulture))"
  (cd "$repo" && dotnet pwsh -NoProfile -NonInteractive -Command "$script")
}
export -f cmdlet sync_cmd; export ms module inner repo

[ -f "$tsv" ] || printf 'size\ttool\tscenario\trun\twall_s\tmaxrss_kb\tinner_s\tok\n' >"$tsv"
stamp=$(date +%s)
remote_ok() {  # remote_ok BUCKET TREE: the bucket holds the tree's files (count and bytes), state file aside
  local remote local_
  remote=$(rclone size "bench:$1" --exclude ".mediasync/**" --fast-list --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["count"], d["bytes"])')
  local_="$(find "$2" -type f | wc -l) $(find "$2" -type f -printf '%s\n' | awk '{s+=$1} END{printf "%.0f", s}')"
  [ "$remote" = "$local_" ]
}
measure() {  # measure SIZE TOOL SCENARIO RUN CHECK -- cmd...   (CHECK: a command that says whether the result is right)
  local size=$1 tool=$2 sc=$3 run=$4 check=$5; shift 6
  local tf; tf=$(mktemp); local ok=1; rm -f "$inner"; sync
  if ! /usr/bin/time -f '%e %M' -o "$tf" "$@" >"$work/run/last-$tool.log" 2>&1; then
    ok=0; echo "!! $tool $sc $run failed, see $work/run/last-$tool.log" >&2; tail -5 "$work/run/last-$tool.log" >&2
  fi
  eval "$check" || { ok=0; echo "!! $tool $sc $run: result check failed ($check)" >&2; }
  local wall rss; read -r wall rss < <(tail -1 "$tf"); rm -f "$tf"
  local in="-"; [ -f "$inner" ] && in=$(cat "$inner")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$sc" "$run" "$wall" "$rss" "$in" "$ok" | tee -a "$tsv"
}
s3_command() {  # s3_command TOOL TREE BUCKET
  case $1 in
    ms-cli) echo "'$ms' publish '$2' --s3 '$3' --s3-endpoint '$S3_ENDPOINT' --path-style --delete --summary" ;;
    ms-pwsh) echo "cmdlet '$2' -Bucket '$3'" ;;
    *) echo "sync_cmd $1 '$2' '$3'" ;;
  esac
}
s3_tool() {  # s3_tool SIZE TOOL [SCENARIOS]: initial, no-op x2, 1% changed, in its own bucket on its own copy of the tree
  local n=$1 tool=$2 scenarios=${3:-"initial noop change1"}
  local tree="$work/run/tree-$tool-$n" b="scale-$tool-$n-$stamp" t; t=$(tree_of "$n")
  rm -rf "$tree"; cp -a "$t" "$tree"
  "$AWS_BIN" --endpoint-url "$S3_ENDPOINT" s3 mb "s3://$b" >/dev/null
  local cmd; cmd=$(s3_command "$tool" "$tree" "$b")
  measure "$n" "$tool" s3-initial 1 "remote_ok $b $tree" -- bash -c "$cmd"
  for r in 1 2; do measure "$n" "$tool" s3-noop "$r" "true" -- bash -c "$cmd"; done
  if [[ "$scenarios" == *change1* ]]; then
    python3 "$shared/gen-tree.py" "$tree" --mutate 1 --percent 1 >"$work/run/mutated-$tool-$n.txt"
    measure "$n" "$tool" s3-change1 1 "remote_ok $b $tree && rclone check '$tree' 'bench:$b' --files-from '$work/run/mutated-$tool-$n.txt' --one-way -q" -- bash -c "$cmd"
  fi
  if [ "${SCALE_KEEP:-0}" = 1 ] && [ "$tool" = ms-cli ]; then
    printf 'KEPT_BUCKET=%s\nKEPT_TREE=%s\nKEPT_ENDPOINT=%s\n' "$b" "$tree" "$S3_ENDPOINT" >"$work/kept.env"; return
  fi
  "$AWS_BIN" --endpoint-url "$S3_ENDPOINT" s3 rb "s3://$b" --force >/dev/null 2>&1 || echo "!! could not remove bucket $b" >&2
  rm -rf "$tree"
}
local_tools() {  # local_tools SIZE [ms-only]: initial and no-op x2 into a folder
  local n=$1 t; t=$(tree_of "$n"); local d="$work/run/local-$n"
  rm -rf "$d"; mkdir -p "$d"
  local same="diff -rq '$t' '$d/X' >/dev/null"
  measure "$n" ms-cli local-initial 1 "${same/X/ms-cli}" -- "$ms" publish "$t" --destination "$d/ms-cli" --delete --summary
  for r in 1 2; do measure "$n" ms-cli local-noop "$r" "true" -- "$ms" publish "$t" --destination "$d/ms-cli" --delete --summary; done
  if [ "${2:-}" != ms-only ]; then
    measure "$n" ms-pwsh local-initial 1 "${same/X/ms-pwsh}" -- bash -c "cmdlet '$t' -Destination '$d/ms-pwsh'"
    for r in 1 2; do measure "$n" ms-pwsh local-noop "$r" "true" -- bash -c "cmdlet '$t' -Destination '$d/ms-pwsh'"; done
    measure "$n" cp-r local-initial 1 "${same/X/cp-r}" -- cp -r "$t" "$d/cp-r"
    measure "$n" rsync local-initial 1 "${same/X/rsync}" -- rsync -a "$t/" "$d/rsync/"
    for r in 1 2; do measure "$n" rsync local-noop "$r" "true" -- rsync -a "$t/" "$d/rsync/"; done
  fi
  if [ "${SCALE_KEEP:-0}" = 1 ]; then printf 'KEPT_LOCAL_SOURCE=%s\nKEPT_LOCAL_DEST=%s\n' "$t" "$d/ms-cli" >>"$work/kept.env"
  else rm -rf "$d"; fi
}

smallest=$(printf '%s\n' "${sizes[@]}" | sort -n | head -1)
for n in "${sizes[@]}"; do
  # a re-run of a size replaces its rows, unless it adds the tools a stopped run had not reached (SCALE_ADD_ROWS=1)
  [ "${SCALE_ADD_ROWS:-0}" = 1 ] || sed -i "/^$n\t/d" "$tsv"
  [ "${SCALE_LOCAL:-1}" = 0 ] || local_tools "$n"
  for tool in ${SCALE_TOOLS:-ms-cli rclone-c aws ms-pwsh s3cmd}; do s3_tool "$n" "$tool"; done
  if [ "$n" = "$smallest" ]; then   # the 2N row: the CLI's no-ops on twice the files
    n2=$((2 * n)); sed -i "/^$n2\t/d" "$tsv"
    s3_tool "$n2" ms-cli "initial noop"; local_tools "$n2" ms-only
  fi
done
report
