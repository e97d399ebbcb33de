#!/usr/bin/env bash
# Issue 26: an initial Sync-Media (Minify, Fingerprint, Compress, cold cache, folder store) of a copy of
# ../shared/real-world/site against the same work done by hand: the module's esbuild over the same CSS and JS (one
# process, --minify, as Minify runs it), then `brotli -q 11` and `gzip -9` over every compressible output, one file at
# a time as a shell loop does, and again with both spread over all cores (xargs -P). Medians of ROUNDS, wall seconds.
#   bench/processing-initial.sh [ROUNDS]   (default 3; build the module first; needs brotli: apt-get install -y brotli)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/.." && pwd)"
work="${BENCH_WORK:-/tmp/mediasync-bench-initial}"; rounds="${1:-3}"
esbuild=$(ls "$repo"/out/MediaSync/runtimes/*/esbuild | head -1)
rm -rf "$work"; mkdir -p "$work"; cp -r "$repo/../shared/real-world/site" "$work/site"
media="$work/site/media"; cores=$(nproc)
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
minify_by_hand() {
  rm -rf "$work/hand"; mkdir -p "$work/hand"
  # what Minify takes: .css/.js/.mjs that are not .min already; esbuild keeps the tree under --outbase
  (cd "$media" && find . -type f \( -name '*.css' -o -name '*.js' -o -name '*.mjs' \) ! -name '*.min.*' -printf '%P\n') > "$work/inputs"
  (cd "$media" && xargs "$esbuild" --minify --log-level=error --outbase=. --outdir="$work/hand" < "$work/inputs")
  # and everything else as it is, as a publish would
  (cd "$media" && find . -type f ! \( -name '*.css' -o -name '*.js' -o -name '*.mjs' \) -printf '%P\n' | while read -r f; do mkdir -p "$work/hand/$(dirname "$f")"; cp "$f" "$work/hand/$f"; done)
}
compressible() { (cd "$work/hand" && find . -type f \( -name '*.css' -o -name '*.js' -o -name '*.mjs' -o -name '*.map' -o -name '*.svg' -o -name '*.ttf' \) -printf '%P\n'); }
serial() { minify_by_hand; compressible | (cd "$work/hand" && while read -r f; do brotli -q 11 -k -f "$f"; gzip -9 -k -f "$f"; done); }
parallel() { minify_by_hand; compressible | (cd "$work/hand" && xargs -P "$cores" -n 8 brotli -q 11 -k -f); compressible | (cd "$work/hand" && xargs -P "$cores" -n 8 gzip -9 -k -f); }
cat > "$work/sync.ps1" <<PS
Import-Module '$repo/out/MediaSync'
\$w = [Diagnostics.Stopwatch]::StartNew()
Sync-Media -Settings @{ Roots = '$media'; Processors = 'Minify'; Fingerprint = \$true; Compress = \$true; Store = @{ Type = 'Folder'; Path = '$work/public' }; CachePath = '$work/cache' } -Summary | Out-Null
\$w.Elapsed.TotalSeconds
PS
declare -a s p m
for i in $(seq "$rounds"); do
  t=$(now); serial; s+=($(echo "$(now) - $t" | bc))
  t=$(now); parallel; p+=($(echo "$(now) - $t" | bc))
  rm -rf "$work/public" "$work/cache"; sync
  t=$(now); inner=$(cd "$repo" && dotnet pwsh -NoProfile -File "$work/sync.ps1"); m+=($(echo "$(now) - $t" | bc))
  echo "round $i: by hand serial ${s[-1]} s, by hand on $cores cores ${p[-1]} s, Sync-Media ${m[-1]} s (in process $inner s)" >&2
done
S=$(printf '%s\n' "${s[@]}" | median); P=$(printf '%s\n' "${p[@]}" | median); M=$(printf '%s\n' "${m[@]}" | median)
echo "| esbuild, then brotli -q 11 and gzip -9 file by file | $S |"
echo "| the same, brotli and gzip on $cores cores (xargs -P) | $P |"
echo "| Sync-Media initial (Minify, Fingerprint, Compress; cold cache; pwsh start included) | $M |"
