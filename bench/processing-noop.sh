#!/usr/bin/env bash
# Issue 26, item 8: a no-op Sync-Media (Minify, Fingerprint, Compress, folder store, processing cache) of a copy of
# ../shared/real-world/site against a Publish-Media no-op of its published output plus a discovery of the source,
# all in one warm pwsh process (bench/processing-noop.ps1), medians of ROUNDS.
#   bench/processing-noop.sh [ROUNDS]      (default 5; build the module first with build.ps1)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/.." && pwd)"
work="${BENCH_WORK:-/tmp/mediasync-bench-processing}"
rm -rf "$work"; mkdir -p "$work"
cp -r "$repo/../shared/real-world/site" "$work/site"
cd "$repo" && dotnet pwsh -NoProfile -File "$here/processing-noop.ps1" -Work "$work" -Module "$repo/out/MediaSync" -Rounds "${1:-5}" 3>/dev/null
